// The style sheet and script embedded in every HTML report, so that the
// page is one file and fetches nothing. The script makes a highlighted
// claim open its evidence card on click (hover and keyboard focus open it
// through CSS alone), and records what the browser actually shows in
// #visible-counts: the highlights with a layout box, per status, their
// colours and the summary figures, which the report test reads back from
// headless Chromium.
#pragma once

namespace claimledger::report {

inline constexpr const char* kCss = R"CSS(
:root { --inconsistent: #f9b3b3; --unverifiable: #fbe08a; --consistent: #b8efc9;
        --unchecked: #e3e6ea; --ink: #1d232b; --muted: #5b6470; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--ink);
       font: 16px/1.6 system-ui, "NanumGothic", "Noto Sans CJK KR", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; word-break: break-all; }
.meta { color: var(--muted); font-size: .85rem; margin: .2rem 0; word-break: break-all; }
table.summary { border-collapse: collapse; margin: .5rem 0; }
table.summary th, table.summary td { border: 1px solid #c9ced6; padding: .25rem .7rem; }
table.summary td { text-align: right; font-variant-numeric: tabular-nums; }
table.summary thead th { background: #f1f3f5; }
table.summary tr.total th, table.summary tr.total td { font-weight: 700; }
.st-inconsistent { background: var(--inconsistent); }
.st-unverifiable { background: var(--unverifiable); }
.st-consistent { background: var(--consistent); }
.st-unchecked { background: var(--unchecked); }
td.zero { background: none; color: #a0a7b0; }
.chip { border-radius: .3rem; padding: .05rem .4rem; margin-right: .3rem; white-space: nowrap; }
section.doc { border-top: 1px solid #d5d9df; margin-top: 1.5rem; }
.text { white-space: pre-wrap; }
mark.claim { position: relative; border-radius: .2rem; padding: 0 .1rem; cursor: pointer;
             color: inherit; outline-offset: 1px; }
mark.claim.st-inconsistent { box-shadow: inset 0 -2px 0 #c0392b; }
mark.claim.st-unverifiable { box-shadow: inset 0 -2px 0 #b7791f; }
mark.claim.st-consistent { box-shadow: inset 0 -2px 0 #2f855a; }
.card { display: none; position: absolute; left: 0; top: 1.7em; z-index: 10;
        width: 32rem; max-width: 90vw; padding: .6rem .8rem; background: #fff;
        border: 1px solid #9aa3ad; border-radius: .4rem; box-shadow: 0 4px 14px rgba(0,0,0,.18);
        white-space: normal; font-size: .82rem; line-height: 1.45; cursor: auto; }
mark.claim:hover > .card, mark.claim:focus > .card, mark.claim.open > .card { display: block; }
.card .line { display: block; overflow-wrap: anywhere; }
.card .verdict { display: block; border-top: 1px solid #e1e4e8; margin-top: .4rem; padding-top: .3rem; }
.card .head { display: block; font-weight: 700; word-break: normal; }
.card .prov { display: block; color: var(--muted); font-family: ui-monospace, monospace;
              font-size: .75rem; word-break: break-all; }
.card .review { display: block; border-left: 3px solid #6b46c1; padding-left: .4rem; margin-top: .2rem; }
.badge { border-radius: .25rem; padding: 0 .3rem; font-weight: 400; }
ul.files { font-family: ui-monospace, monospace; font-size: .75rem; color: var(--muted);
           word-break: break-all; padding-left: 1.2rem; }
#visible-counts { color: var(--muted); font-size: .8rem; margin-top: 2rem; }
)CSS";

inline constexpr const char* kJs = R"JS(
(function () {
  "use strict";
  function shown(el) {
    if (!el || !el.getClientRects().length) return false;
    var r = el.getBoundingClientRect();
    var s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" &&
           parseFloat(s.opacity) > 0;
  }
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.claim"));
  function closeAll(except) {
    marks.forEach(function (m) { if (m !== except) m.classList.remove("open"); });
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest(".card")) return;
      closeAll(m);
      m.classList.toggle("open");
      var card = m.querySelector(".card");
      if (card && m.classList.contains("open")) {
        card.style.left = "0";
        var r = card.getBoundingClientRect();
        if (r.right > window.innerWidth - 8) {
          card.style.left = (window.innerWidth - 8 - r.right) + "px";
        }
      }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closeAll(null);
  });
  // What the browser shows, measured from layout boxes.
  var counts = { highlights: 0, byStatus: {}, colours: {}, summary: {} };
  marks.forEach(function (m) {
    if (!shown(m)) return;
    var st = m.getAttribute("data-status");
    counts.highlights += 1;
    counts.byStatus[st] = (counts.byStatus[st] || 0) + 1;
    counts.colours[st] = getComputedStyle(m).backgroundColor;
  });
  document.querySelectorAll("#summary td[data-status]").forEach(function (td) {
    if (!shown(td)) return;
    var rule = td.parentNode.getAttribute("data-rule");
    counts.summary[rule] = counts.summary[rule] || {};
    counts.summary[rule][td.getAttribute("data-status")] = parseInt(td.textContent, 10);
  });
  var first = marks[0];
  var card = first ? first.querySelector(".card") : null;
  var hiddenAtRest = card ? !shown(card) : false;
  var opens = false;
  if (first) {
    first.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    opens = shown(card);
    first.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  }
  var out = document.getElementById("visible-counts");
  out.setAttribute("data-highlights", String(counts.highlights));
  out.setAttribute("data-by-status", JSON.stringify(counts.byStatus));
  out.setAttribute("data-colours", JSON.stringify(counts.colours));
  out.setAttribute("data-summary", JSON.stringify(counts.summary));
  out.setAttribute("data-card-hidden-at-rest", hiddenAtRest ? "1" : "0");
  out.setAttribute("data-card-opens-on-click", opens ? "1" : "0");
  out.setAttribute("data-ready", "1");
  out.textContent = counts.highlights + " highlighted claims shown.";
  // report.html#claim-ID opens that claim's card, so a link can point at it.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("claim")) {
    target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    target.scrollIntoView({ block: "center" });
  }
})();
)JS";

}  // namespace claimledger::report
