#!/usr/bin/env bash
# The long fuzz run: the suite's two generated-request specs (webhooks; Open311, the admin API and the console) with
# N requests each instead of the suite's 10,000 and 3,000. Same seeds as the suite, so a failure names a request number
# that the same command reproduces. Usage: bash infra/fuzz.sh [N]   (default 20000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GATEWAY_FUZZ_REQUESTS="${1:-20000}"
dotnet test "$ROOT/tests/Gateway.Tests" -c Release \
  --filter "FullyQualifiedName~Trust.SurfaceFuzzSpecs|FullyQualifiedName~Trust.WebhookFuzzSpecs" \
  --logger "console;verbosity=detailed" 2>&1 | grep -aE "requests in|bad answers|#[0-9]+ |Test Run|Passed:|Failed:"
