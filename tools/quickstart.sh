#!/usr/bin/env bash
# The main job on the bundled fixtures: build, check fixtures/articles into
# ./claimledger.db (a new run each time), then print the review listing.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
status=0
build/tools/claimledger check fixtures/articles --ledger claimledger.db || status=$?
echo
build/tools/claimledger list --ledger claimledger.db
# 1 means a conversion was found inconsistent: a finding, not a failure of
# the job. Anything else is passed on.
[[ $status -eq 0 || $status -eq 1 ]]
