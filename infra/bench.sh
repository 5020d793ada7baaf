#!/usr/bin/env bash
# The benchmark command: installs (if needed) and starts Redis, RabbitMQ and Kannel on loopback with their own
# state dir (.infra-run/bench, apart from test.sh's and dev-up's), runs the HTTP benchmarks against them, and stops
# them however it exits. Arguments go to the benchmark (default: all), e.g.
#   bash infra/bench.sh                       # baseline + twilio + ussd, Markdown summary at the end
#   bash infra/bench.sh twilio --connections 32 --duration 30
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GATEWAY_INFRA_STATE="${GATEWAY_INFRA_STATE:-$ROOT/.infra-run/bench}"
SERVICES="$ROOT/infra/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash "$ROOT/infra/install.sh"
mkdir -p "$GATEWAY_INFRA_STATE"
stop_services() { bash "$SERVICES" stop all >> "$GATEWAY_INFRA_STATE/stop.log" 2>&1 || true; }
trap stop_services EXIT
trap 'exit 130' INT TERM

bash "$SERVICES" start all
set -a
# shellcheck disable=SC1091
. "$GATEWAY_INFRA_STATE/env.sh"
set +a

[ $# -gt 0 ] || set -- all
# Builds the gateway (Release) with the benchmark; the benchmark starts it from gateway/Gateway/bin/Release.
# --fresh-redis (the HTTP benchmarks and redis-cost): this Redis is the benchmark's own, so each scenario may start on an empty one, as
# the baseline does.
case "$1" in baseline|twilio|ussd|votes|all|webhooks|redis-cost) set -- "$@" --fresh-redis ;; esac
dotnet run -c Release --project tests/Gateway.Benchmarks -- "$@"
