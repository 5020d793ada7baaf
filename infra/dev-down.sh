#!/usr/bin/env bash
# Stops what dev-up.sh started. Data stays in .infra-run/dev (delete it to start from scratch).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GATEWAY_INFRA_STATE="${GATEWAY_INFRA_STATE:-$ROOT/.infra-run/dev}"
bash "$ROOT/infra/services.sh" stop all
echo "dev services stopped (state kept in $GATEWAY_INFRA_STATE)"
