#!/usr/bin/env bash
# Summarises the dumps the blame collector took of a hung test host: for each thread running the gateway's or the
# tests' code, its innermost frames and every Gateway frame. Used by test.sh, so that CI's output says where a hang
# waits. Usage: hang-stacks.sh DIR (every *.dmp under DIR). Needs dotnet-dump, installed here on first use.
set -uo pipefail
dir="$1"
state="${GATEWAY_INFRA_STATE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.infra-run}"
tools="$state/tools"
# The collector also copies each dump under In/; read each once.
mapfile -t dumps < <(find "$dir" -name '*.dmp' -not -path '*/In/*' 2>/dev/null)
[ ${#dumps[@]} -eq 0 ] && exit 0
if [ ! -x "$tools/dotnet-dump" ]; then
  dotnet tool install --tool-path "$tools" dotnet-dump --version 10.0.750501 > /dev/null 2>&1 \
    || { echo "hang dump: ${dumps[*]} (dotnet-dump could not be installed to read it)"; exit 0; }
fi
for dump in "${dumps[@]}"; do
  echo "hang dump $(basename "$dump"): threads in the gateway's or the tests' code"
  timeout 300 "$tools/dotnet-dump" analyze "$dump" -c "clrstack -all" -c "exit" 2>/dev/null | awk '
    function flush() { if (ours) { print thread; for (i = 1; i <= n; i++) print frames[i] } n = 0; ours = 0 }
    /OS Thread Id:/ { flush(); thread = "  " $0; next }
    /^ *[0-9A-Fa-f]+ [0-9A-Fa-f]+ / {
      sub(/^ *[0-9A-Fa-f]+ [0-9A-Fa-f]+ /, "")
      if ($0 ~ /^\[/) next
      mine = ($0 ~ /Gateway\./)
      if (mine) ours = 1
      if (n < 4 || (mine && n < 14)) frames[++n] = "    " substr($0, 1, 200)
    }
    END { flush() }'
done
