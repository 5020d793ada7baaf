#!/usr/bin/env bash
# Every drill, one after the other, on one Redis and one RabbitMQ (started here, stopped at the end), then the table:
#   bash infra/drills/all.sh                     # default sizes (infra/drills/README.md)
#   DRILL_VOTES=20000 DRILL_RATE=400 bash infra/drills/all.sh
#   bash infra/drills/all.sh rabbitmq-stop replica-kill    # some of them
# Sizes and settings go through the environment (DRILL_VOTES, DRILL_RATE, DRILL_REPORTS, DRILL_AUDIENCE, DRILL_OUTAGE…).
# Exit status 0 only when every drill ran and found nothing lost, doubled or wrong.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export GATEWAY_INFRA_STATE="${GATEWAY_INFRA_STATE:-$ROOT/.infra-run/drills}"
SERVICES="$ROOT/infra/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DRILLS=(rabbitmq-stop redis-master replica-kill provider-errors webhooks-twice contact-race replica-kill-broker-down)
[ $# -gt 0 ] && DRILLS=("$@")

bash "$ROOT/infra/install.sh" || exit 2
mkdir -p "$GATEWAY_INFRA_STATE/results"
stop_services() { bash "$SERVICES" stop all >> "$GATEWAY_INFRA_STATE/stop.log" 2>&1 || true; }
trap stop_services EXIT
trap 'exit 130' INT TERM
bash "$SERVICES" start all || exit 2
dotnet build "$ROOT/infra/drills/Driver/Gateway.Drills.csproj" -c Release -v quiet -nologo || exit 2

rc=0
rows=()
for drill in "${DRILLS[@]}"; do
  result="$GATEWAY_INFRA_STATE/results/$drill.tsv"
  log="$GATEWAY_INFRA_STATE/results/$drill.log"
  rm -f "$result"
  echo "== $drill (log: $log)"
  started=$(date +%s)
  DRILL_NO_BUILD=1 bash "$ROOT/infra/drills/run.sh" "$drill" --result "$result" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  took=$(( $(date +%s) - started ))
  if [ -s "$result" ]; then
    IFS=$'\t' read -r name lost doubled wrong recovery < "$result"
    rows+=("| $name | $lost | $doubled | $wrong | $recovery | $took |")
  else
    rows+=("| $drill | did not run (exit $status, see $log) | | | | $took |")
  fi
  [ "$status" -eq 0 ] || rc=1
  # A drill leaves the services running; one that stopped one (and failed before starting it) must not spoil the next.
  bash "$SERVICES" start all >/dev/null 2>&1 || true
done

echo
echo "Drills, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, Redis ${DRILL_REDIS:-cluster (redis-master: sentinel)}, votes ${DRILL_VOTES:-6000} at ${DRILL_RATE:-200}/s, ${DRILL_REPORTS:-40} reports, alert audience ${DRILL_AUDIENCE:-300}:"
echo
echo "| drill | lost | doubled | wrong | recovery s | run s |"
echo "|---|--:|--:|--:|--:|--:|"
printf '%s\n' "${rows[@]}"
exit $rc
