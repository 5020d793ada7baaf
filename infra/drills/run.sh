#!/usr/bin/env bash
# One drill, alone: bash infra/drills/run.sh <fault> [--votes N --rate N --reports N --audience N ...]
# Faults: none, rabbitmq-stop, redis-master, replica-kill, provider-errors, webhooks-twice, contact-race,
# replica-kill-broker-down (infra/drills/README.md). Starts Redis and RabbitMQ on loopback with their own state
# (.infra-run/drills) unless they already run there (all.sh starts them once for every drill), builds the driver and the
# gateway (Release) unless DRILL_NO_BUILD=1, and runs the driver: two gateway replicas, the load, the fault, the count.
# Exit status: 0 nothing lost, doubled or wrong; 1 the drill found something; 2 it could not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export GATEWAY_INFRA_STATE="${GATEWAY_INFRA_STATE:-$ROOT/.infra-run/drills}"
SERVICES="$ROOT/infra/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

[ $# -ge 1 ] || { echo "usage: $0 <fault> [driver options]  (see infra/drills/README.md)" >&2; exit 2; }

bash "$ROOT/infra/install.sh"
mkdir -p "$GATEWAY_INFRA_STATE"
if ! bash "$SERVICES" status all >/dev/null 2>&1; then
  stop_services() { bash "$SERVICES" stop all >> "$GATEWAY_INFRA_STATE/stop.log" 2>&1 || true; }
  trap stop_services EXIT
  trap 'exit 130' INT TERM
  bash "$SERVICES" start all
fi
set -a
# shellcheck disable=SC1091
. "$GATEWAY_INFRA_STATE/env.sh"
set +a

# The Redis the replicas use (DRILL_REDIS): the 3-master cluster by default; the redis-master drill runs on the Sentinel
# set by default, the local topology where killing a master makes a failover (the local cluster has no replicas).
fault="$1"
if [ -z "${DRILL_REDIS:-}" ]; then
  if [ "$fault" = redis-master ] && [ -n "${GATEWAY_REDIS_SENTINEL:-}" ]; then DRILL_REDIS=sentinel
  elif [ -n "${GATEWAY_REDIS_CLUSTER:-}" ]; then DRILL_REDIS=cluster
  else DRILL_REDIS=single; fi
fi
case "$DRILL_REDIS" in
  cluster) ConnectionStrings__Redis="$GATEWAY_REDIS_CLUSTER" ;;
  sentinel) ConnectionStrings__Redis="$GATEWAY_REDIS_SENTINEL" ;;
  single) ;;
  *) echo "DRILL_REDIS is cluster, sentinel or single (got '$DRILL_REDIS')" >&2; exit 2 ;;
esac
export DRILL_REDIS ConnectionStrings__Redis
echo "run.sh: drill $fault on Redis $DRILL_REDIS ($ConnectionStrings__Redis)" >&2

DRIVER="$ROOT/infra/drills/Driver/bin/Release/net10.0/Gateway.Drills.dll"
if [ "${DRILL_NO_BUILD:-0}" != 1 ]; then
  dotnet build "$ROOT/infra/drills/Driver/Gateway.Drills.csproj" -c Release -v quiet -nologo >&2
fi
dotnet "$DRIVER" "$@"
