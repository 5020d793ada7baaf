#!/usr/bin/env bash
# Starts Redis, RabbitMQ and Kannel for a developer (loopback, free ports) and prints what to
# export and how to run the gateway against them. Data and ports are kept between dev-up runs.
# Its state lives in .infra-run/dev, apart from infra/test.sh's, so a test run never stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GATEWAY_INFRA_STATE="${GATEWAY_INFRA_STATE:-$ROOT/.infra-run/dev}"
export GATEWAY_INFRA_KEEP_DATA=1
bash "$ROOT/infra/install.sh" >&2
bash "$ROOT/infra/services.sh" start all
# shellcheck disable=SC1091
. "$GATEWAY_INFRA_STATE/env.sh"
cat <<EOF2

# Services are up. In your shell:
source $GATEWAY_INFRA_STATE/env.sh
# (or paste:)
$(grep '^export' "$GATEWAY_INFRA_STATE/env.sh")

# Run the gateway on the port Kannel's sms-service calls:
export Gateway__PublicBaseUrl=http://127.0.0.1:$GATEWAY_KANNEL_TARGET_PORT
dotnet run --project $ROOT/gateway/Gateway --urls http://127.0.0.1:$GATEWAY_KANNEL_TARGET_PORT

# Send an SMS as a subscriber through the fake operator (Ctrl-C to quit; replies print as "Got message"):
$KANNEL_FAKESMSC_BIN -H 127.0.0.1 -r $KANNEL_FAKESMSC_PORT -m 1 "+212612345678 2727 text AVIS route cassee"

# Status / stop:
bash $ROOT/infra/services.sh status all     (with GATEWAY_INFRA_STATE=$GATEWAY_INFRA_STATE)
bash $ROOT/infra/dev-down.sh
EOF2
