#!/usr/bin/env bash
# The long contract fuzz: the generated-request suite of tests/SkinProgress.IntegrationTests/Fuzzing with many more
# requests than ./test.sh sends (5,000), on this checkout's own test PostgreSQL and RabbitMQ.
#
#   fuzz/contract.sh [REQUESTS] [SEED]     default 100000 requests and a fresh seed
#
# A failure prints its seed and the smallest failing request found; run again with that seed to replay it.
set -euo pipefail
cd "$(dirname "$0")/.."

requests=${1:-100000}
seed=${2:-}

scripts/services.sh start test
trap 'scripts/services.sh stop test' EXIT
# shellcheck disable=SC1091
source .data/test/env

export SKINPROGRESS_CONTRACT_FUZZ_COUNT="$requests"
[ -n "$seed" ] && export SKINPROGRESS_CONTRACT_FUZZ_SEED="$seed"
# A device may send 200 requests a minute in the tests; a long run spreads its requests over time, not over more devices.
dotnet test tests/SkinProgress.IntegrationTests --filter "FullyQualifiedName~Fuzzing.ContractFuzzTests" \
  --logger "console;verbosity=detailed" 2>&1 | grep -vE '^\{"EventId'
