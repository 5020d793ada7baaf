#!/usr/bin/env bash
# Regenerates the C# client the tests use (tests/Gateway.Tests/OpenApi/Client/Generated) from the gateway's own
# OpenAPI document, with Kiota (a dotnet tool pinned in dotnet-tools.json), the way an integrator would.
# Usage: infra/openapi-client.sh <openapi.json>   (the document as served at /openapi/v1.json)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet tool restore >/dev/null
OUT=tests/Gateway.Tests/OpenApi/Client/Generated
rm -rf "$OUT"
# Kiota asks GitHub for a newer release; offline that only prints a warning.
dotnet kiota generate -l CSharp -d "$1" -c GatewayClient -n Gateway.Tests.OpenApi.Client.Generated -o "$OUT" \
  --include-path '/api/polls' --include-path '/api/polls/**' --include-path '/api/feedback' \
  --exclude-backward-compatible --clean-output --log-level Warning
rm -f "$OUT/kiota-lock.json"
echo "openapi-client.sh: generated $(find "$OUT" -name '*.cs' | wc -l) files in $OUT"
