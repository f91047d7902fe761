// Written for claimledger's generated corpus: invented companies, people
// and deals in the style of business news. Korean company names end in a
// vowel so that the particles written after them (는, 가, 와) are right.
#include "tools/app/corpus_templates.h"

namespace claimledger::corpus {

const Templates& KoreanTemplates() {
  static const Templates t{
      {
          "{co}, {place}에 생산 거점 넓힌다",
          "{co} 해외 매출 늘었지만 수익성은 숙제",
          "{co}·{co2} 손잡고 새 시장 공략",
          "{co}, 대규모 투자로 반등 노린다",
          "{co} 신사업 속도… 업계 긴장",
      },
      {
          "{co}는 올해 {q}분기 영업이익이 작년 같은 기간보다 {pct} 늘었다고 "
          "밝혔다.",
          "회사 측은 {place} 공장의 가동률을 내년 말까지 {pct2}로 끌어올릴 "
          "계획이라고 설명했다.",
          "{person} {co} 대표는 \"시장의 흐름이 빠르게 바뀌고 있어 투자 시기를 "
          "놓치지 않는 것이 중요하다\"고 말했다.",
          "업계에서는 {co}의 이번 결정이 경쟁사들의 전략에도 영향을 줄 것으로 "
          "보고 있다.",
          "{co}는 연구 인력을 {n}명 더 뽑아 개발 조직을 키울 방침이다.",
          "증권가는 {co}의 내년 매출 증가율을 {pct} 안팎으로 내다봤다.",
          "{place} 지역 협력사들도 일감이 늘어날 것이라며 기대감을 드러냈다.",
          "다만 원자재 가격과 물류비 부담이 여전해 수익성 개선 폭은 크지 않을 "
          "수 있다는 지적도 나온다.",
          "{co2}와의 협력은 제품 공동 개발과 판로 확대에 초점을 맞췄다.",
          "회사는 지난해 국내 시장 점유율 {pct}로 {rank}위에 올랐다.",
          "정부는 관련 산업을 돕기 위해 연내 규제를 손보겠다는 입장이다.",
          "{co}의 주가는 이날 장중 한때 {pct} 넘게 오르기도 했다.",
          "시장조사업체들은 이 분야 세계 시장이 해마다 {pct2}씩 커질 것으로 "
          "전망했다.",
          "{co}는 {place}에 있는 연구소를 넓혀 시험 설비를 {n}대 새로 들일 "
          "예정이다.",
          "한 업계 관계자는 \"해외 고객사의 주문이 예상보다 빨리 늘고 있다\"고 "
          "전했다.",
          "이번 발표 직후 {co2}도 비슷한 규모의 투자 계획을 검토하는 것으로 "
          "알려졌다.",
          "회사는 2단계 사업 일정에 대해서는 구체적으로 밝히지 않았다.",
          "이날 거래량은 평소의 {mult}배 수준까지 불어났다.",
      },
      {
          "{co}는 {pair}을 들여 {place}에 새 생산 라인을 짓기로 했다.",
          "업계에 따르면 {co}가 이번에 유치한 투자금은 {pair} 규모다.",
          "{co}의 지난 분기 해외 매출은 {pair}으로 집계됐다.",
          "{co}는 {co2} 지분 일부를 {pair}에 사들이기로 합의했다.",
          "양사가 맺은 공급 계약의 규모는 {pair}이며, 회사 설립 이후 가장 "
          "크다.",
          "{co}가 내년까지 연구개발에 쓰기로 한 돈은 {pair}에 이른다.",
      },
      {
          "{co}는 {place}에 있는 생산 시설을 중심으로 공급망을 다시 짜고 있다.",
          "회사 안팎에서는 이번 결정이 오랫동안 준비해 온 체질 개선 작업의 "
          "연장선이라는 평가가 나온다.",
          "경쟁사들은 아직 구체적인 대응 방안을 내놓지 않았지만 내부적으로 "
          "시장 상황을 면밀히 살피는 분위기다.",
          "{person} 대표는 직원들에게 보낸 메시지에서 \"고객이 원하는 제품을 "
          "가장 먼저 내놓는 회사가 되자\"고 당부했다.",
          "전문가들은 금리와 환율의 흐름이 앞으로 실적을 가를 변수가 될 "
          "것이라고 입을 모았다.",
          "회사는 해외 법인과 국내 연구소의 협업 체계를 손보고 인재 확보에도 "
          "힘을 쏟기로 했다.",
          "지역 사회와 상생하는 방안도 함께 마련해 협력사 지원을 늘리겠다는 "
          "계획이다.",
          "다만 일부 투자자들은 사업 확장 속도가 지나치게 빠르다며 신중한 "
          "접근을 주문했다.",
          "업계 관계자는 \"공급이 수요를 따라가지 못하는 상황이 당분간 이어질 "
          "것\"이라고 내다봤다.",
          "{co}는 친환경 공정 전환과 에너지 효율 개선을 중장기 과제로 삼고 "
          "있다.",
      },
      {"한빛전자", "서해바이오", "누리모빌리티", "다온소프트", "청솔에너지",
       "미리내로보틱스", "가람상사", "해든칩스", "보람헬스케어", "늘봄푸드",
       "새벽에어로", "은하네트웍스"},
      {"평택", "구미", "울산", "오송", "광주", "천안", "창원", "새만금",
       "베트남 하노이", "미국 텍사스", "폴란드 브로츠와프", "인도 첸나이"},
      {"김도윤", "이서연", "박준호", "최하은", "정민재", "강지우", "윤태성",
       "한소희"},
  };
  return t;
}

const Templates& EnglishTemplates() {
  static const Templates t{
      {
          "{co} expands production in {place}",
          "{co} bets on overseas growth as margins thin",
          "{co} and {co2} team up on new products",
          "{co} lines up fresh investment",
          "{co} speeds up its push into new businesses",
      },
      {
          "{co} said operating profit in the {qth} quarter rose {pct} from a "
          "year earlier.",
          "The company plans to lift utilisation at its {place} plant to "
          "{pct2} by the end of next year.",
          "\"Demand is shifting quickly, and timing matters more than ever,\" "
          "chief executive {person} told reporters.",
          "Rivals are expected to watch the move closely, according to people "
          "familiar with the industry.",
          "{co} will hire {n} more engineers to expand its research team.",
          "Brokers expect sales at {co} to grow by about {pct} next year.",
          "Suppliers around {place} welcomed the news, saying it would bring "
          "steady orders.",
          "Higher raw material and shipping costs could still limit any gain "
          "in margins, analysts warned.",
          "The tie-up with {co2} focuses on joint product development and new "
          "sales channels.",
          "Last year the company held {pct} of its home market, making it the "
          "{rank_ord} largest player.",
          "Regulators have said they will review the rules for the sector "
          "before the end of the year.",
          "Shares of {co} rose more than {pct} in early trading.",
          "Market researchers expect the global market for such products to "
          "grow {pct2} a year.",
          "The laboratory in {place} will add {n} test rigs under the plan.",
          "\"Orders from overseas customers are coming in faster than we "
          "expected,\" one executive said.",
          "{co2} is reported to be weighing an investment of a similar size.",
          "The company did not give a timetable for the second phase of the "
          "project.",
          "Trading volume in the stock reached {mult} times its daily average.",
      },
      {
          "{co} said it would spend {pair} on a new production line in "
          "{place}.",
          "The funding round, worth {pair}, was led by {co2}.",
          "Overseas sales reached {pair} in the {qth} quarter, the company "
          "said.",
          "{co} agreed to buy a minority stake in {co2} for {pair}.",
          "The supply deal is valued at {pair}, the largest in the company's "
          "history.",
          "{co} has set aside {pair} for research through next year.",
      },
      {
          "{co} has been reorganising its supply chain around its plant in "
          "{place}.",
          "People inside the company describe the move as the next step in a "
          "long effort to change how it works.",
          "Competitors have yet to respond in public, but several are said to "
          "be studying the market closely.",
          "In a message to staff, {person} urged employees to be first with "
          "the products customers ask for.",
          "Economists say interest rates and the exchange rate will decide how "
          "the coming quarters turn out.",
          "The company also plans to bring its overseas units and domestic "
          "laboratories into closer contact.",
          "Local officials said they hoped the project would bring training "
          "and steady work to the region.",
          "Some investors, however, cautioned that the company may be "
          "expanding faster than it can manage.",
          "\"Supply will struggle to keep up with demand for some time,\" an "
          "industry official said.",
          "{co} has made cleaner production and lower energy use part of its "
          "longer-term plan.",
      },
      {"Northgate Robotics", "Harbor Lane Foods", "Kestrel Semiconductors",
       "Bluefen Energy", "Alder Pharma", "Quayside Motors", "Tamsin Software",
       "Greyhill Logistics", "Marlow Biotech", "Ridgeway Air"},
      {"Busan", "Ulsan", "Austin", "Wroclaw", "Chennai", "Hanoi", "Leeds",
       "Osaka"},
      {"Dana Whitfield", "Marcus Oyelaran", "Priya Natarajan", "Tomas Reyes",
       "Helen Cho", "Park Jae-won"},
  };
  return t;
}

}  // namespace claimledger::corpus
