#!/usr/bin/env bash
# Installs the Debian packages claimledger builds and tests with. Idempotent,
# and silent when everything is already present. Runs apt-get as root, or
# through sudo when not root.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libsqlitecpp-dev libsqlite3-dev sqlite3
  libyaml-cpp-dev libspdlog-dev doctest-dev libcli11-dev nlohmann-json3-dev
  libssl-dev libmimalloc-dev
  clang libclang-rt-14-dev
  chromium fonts-nanum  # the HTML report test opens the report in headless Chromium
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
