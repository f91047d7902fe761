#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) into build-fuzz/ and
# runs each for SECONDS (default 300) starting from its seed corpus in
# fixtures/fuzz/<target>/. New inputs go to a scratch folder, not the
# repository; a crash leaves its input in build-fuzz/ and exits non-zero.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing" >&2; exit 1; }
seconds=${1:-300}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(extract_fuzz)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCLAIMLEDGER_FUZZ=ON -DSANITIZE=address,undefined >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
for t in "${targets[@]}"; do
  extra=()
  case "$t" in
    extract_fuzz) seeds=fixtures/fuzz/extract ;;
    rule_loader_fuzz) seeds=fixtures/fuzz/rules; extra=(-dict=../fixtures/fuzz/rules.dict) ;;
    *) echo "fuzz: unknown target $t" >&2; exit 2 ;;
  esac
  work="build-fuzz/corpus/$t"
  mkdir -p "$work"
  echo "== $t: ${seconds}s from $seeds"
  (cd build-fuzz && "./tests/$t" -max_total_time="$seconds" -print_final_stats=1 \
     -max_len=4096 -timeout=10 "${extra[@]}" "../$work" "../$seeds")
done
