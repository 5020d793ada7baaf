#!/usr/bin/env bash
# Puts the outbox's dead letters back into their outbox, where the relay publishes them (infra/RUNBOOK.md, section 8).
# Run it once the cause is fixed (a release that knows the event type); a letter still unpublishable returns to the
# dead letters with its reason. Works on a single Redis, a cluster (-c follows MOVED) and a Sentinel primary.
#   bash infra/replay-dead-letters.sh [--dry-run] <redis-cli connection options, e.g. -h 10.0.0.21 -p 6379 -a …>
# Each letter moves atomically (one script on one slot: gw:{sN}:outbox:dead beside gw:{sN}:outbox), keeping its
# message id, so consumers that saw it before de-duplicate it.
set -euo pipefail

dry=0
if [ "${1:-}" = --dry-run ]; then dry=1; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--dry-run] -h HOST -p PORT [-a PASSWORD]" >&2; exit 2; }

# KEYS: outbox, dead letters. ARGV: the dead letter's entry id. Back into the outbox with its id, type, payload, creation time.
MOVE='local e = redis.call("XRANGE", KEYS[2], ARGV[1], ARGV[1])
if #e == 0 then return 0 end
local f, m = e[1][2], {}
for i = 1, #f, 2 do m[f[i]] = f[i + 1] end
redis.call("XADD", KEYS[1], "*", "id", m["id"], "type", m["type"], "payload", m["payload"], "createdAt", m["createdAt"])
redis.call("XDEL", KEYS[2], ARGV[1])
return 1'

total=0
for shard in $(seq 0 63); do
  outbox="gw:{s$shard}:outbox"
  dead="$outbox:dead"
  # Entry ids only: XRANGE's raw output alternates ids and fields; ids are the lines "<ms>-<seq>" followed by the field "id".
  ids=$(redis-cli "$@" -c --raw xrange "$dead" - + | awk 'prev ~ /^[0-9]+-[0-9]+$/ && $0 == "id" { print prev } { prev = $0 }')
  for id in $ids; do
    total=$((total + 1))
    [ $dry = 1 ] && continue
    [ "$(redis-cli "$@" -c --raw eval "$MOVE" 2 "$outbox" "$dead" "$id")" = 1 ] || echo "replay-dead-letters.sh: $dead $id was gone" >&2
  done
done
if [ $dry = 1 ]; then echo "$total dead letters (nothing moved)"; else echo "$total dead letters put back into their outbox"; fi
