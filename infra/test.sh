#!/usr/bin/env bash
# THE test command: installs and starts Redis, RabbitMQ and Kannel on loopback, builds the
# solution, runs every test project, stops the services, and prints the totals as the last
# line, alone: "N passed, N failed". Exits non-zero if anything failed, a project did not
# build, or the services could not start. Works from any directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GATEWAY_INFRA_STATE="${GATEWAY_INFRA_STATE:-$ROOT/.infra-run}"
SERVICES="$ROOT/infra/services.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash "$ROOT/infra/install.sh"
# The OpenAPI linter and the Node bus consumer the tests run (Node from Debian when missing; versions pinned by the lock).
bash "$ROOT/infra/node-tools.sh"

mkdir -p "$GATEWAY_INFRA_STATE"
RESULTS="$GATEWAY_INFRA_STATE/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

# Stop the services however we leave; quietly, so the totals stay the last line.
stop_services() { bash "$SERVICES" stop all >> "$GATEWAY_INFRA_STATE/stop.log" 2>&1 || true; }
trap stop_services EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
bash "$SERVICES" start all
echo "test.sh: services up in $(( $(date +%s) - started ))s"

passed=0
failed=0
# What failed, printed again just before the totals: CI shows the end of the output, and a project's own report
# scrolls away behind the projects run after it.
summary=()

# A build error anywhere in the solution fails the run.
build_ok=1
if ! dotnet build Gateway.sln -c Release; then
  echo "test.sh: BUILD FAILED (dotnet build Gateway.sln -c Release)"
  build_ok=0
  failed=$((failed + 1))
fi

# Test projects: every csproj under tests/ that says IsTestProject; integration tests last.
mapfile -t projects < <(grep -l '<IsTestProject>true' tests/*/*.csproj 2>/dev/null \
  | awk '{ print (/IntegrationTests/ ? 1 : 0) "\t" $0 }' | sort | cut -f2)

# Reads one counter attribute of the TRX <Counters .../> element (0 when absent).
counter() { local v; v=$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p"); echo "${v:-0}"; }

for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  trx="$RESULTS/$name.trx"
  args=(test "$proj" -c Release --results-directory "$RESULTS"
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal"
        # A test that hangs is killed and reported as failed (with its name) instead of stalling CI; the host's dump
        # says where it waited (infra/hang-stacks.sh). The slowest test takes seconds.
        --blame-hang-timeout 4m --blame-hang-dump-type mini)
  [ "$build_ok" = 1 ] && args+=(--no-build)
  echo "test.sh: running $name"
  set +e
  log="$RESULTS/$name.log"
  if [[ $name == *IntegrationTests ]]; then
    # Only the integration tests see the services (ConnectionStrings__*, Kannel__*, ...);
    # the unit tests keep the embedded in-memory defaults.
    ( set -a; . "$GATEWAY_INFRA_STATE/env.sh"; set +a; dotnet "${args[@]}" ) 2>&1 | tee "$log"
  else
    dotnet "${args[@]}" 2>&1 | tee "$log"
  fi
  rc=${PIPESTATUS[0]}
  set -e
  if [ -f "$trx" ]; then
    p=$(counter "$trx" passed)
    f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
  else
    p=0; f=0
  fi
  # A non-zero exit with no failure recorded (build error, crashed test host) is a failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "test.sh: $name exited with $rc and recorded no failed test: counted as 1 failure"
    f=1
  fi
  echo "test.sh: $name: $p passed, $f failed"
  if [ "$f" -ne 0 ]; then
    summary+=("$name: $p passed, $f failed")
    # Failed tests by name (the TRX), then what the blame collector said of a hung or crashed test host.
    # (with their messages when python3 is there; by name otherwise).
    if [ -f "$trx" ] && command -v python3 > /dev/null && python3 "$ROOT/infra/trx-failures.py" "$trx" > "$RESULTS/$name.failures.txt" 2>&1; then
      while read -r t; do summary+=("  $t"); done < "$RESULTS/$name.failures.txt"
    elif [ -f "$trx" ]; then
      while read -r t; do summary+=("  failed: $t"); done < <(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/\1/p' | head -n 20)
    fi
    while read -r line; do summary+=("  $line"); done < <(grep -E -A3 "running when the crash|Blame' message|aborted" "$log" | grep -v "^--" | cut -c1-300 | head -n 20)
    bash "$ROOT/infra/hang-stacks.sh" "$RESULTS" > "$RESULTS/$name.hang.txt" 2>&1
    while read -r line; do summary+=("$line"); done < <(head -n 120 "$RESULTS/$name.hang.txt")
    find "$RESULTS" -name '*.dmp' -delete
  fi
  passed=$((passed + p)); failed=$((failed + f))
done

stop_services
trap - EXIT
if [ ${#summary[@]} -gt 0 ]; then
  echo "test.sh: what failed:"
  printf '%s\n' "${summary[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
