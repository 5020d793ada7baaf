#!/usr/bin/env bash
# The redis-master drill's fault, on the topology the drill runs on (DRILL_REDIS):
#   redis-fault.sh kill     SIGKILL the Redis master holding data:
#                           sentinel: the primary the sentinels name now (they promote its replica: a real failover);
#                           cluster:  master 2 of 3 (the local cluster has no replicas: its slots wait for it);
#                           single:   the one Redis.
#   redis-fault.sh restore  start what was killed again (same port, its AOF): the sentinel set takes it back as a
#                           replica; the cluster node rejoins with its slots; the single Redis reloads its AOF.
# Needs GATEWAY_INFRA_STATE and the env.sh of infra/services.sh (run.sh exports both).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES="$ROOT/infra/services.sh"
STATE="${GATEWAY_INFRA_STATE:?}"
# shellcheck disable=SC1091
. "$STATE/ports.env"
topology="${DRILL_REDIS:-cluster}"

kill_pid_file() {
  local pid
  pid=$(cat "$1")
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  echo "redis-fault.sh: killed $2 (pid $pid)"
}

case "${1:-} $topology" in
  "kill sentinel")
    port=$(redis-cli -p "$REDIS_SENTINEL_PORT_1" sentinel get-master-addr-by-name gateway | sed -n 2p)
    [ "$port" = "$REDIS_SENTINEL_PRIMARY_PORT" ] && node=primary || node=replica
    kill_pid_file "$STATE/redis-sentinel/$node.pid" "the sentinel set's primary ($node, port $port)" ;;
  "kill cluster") kill_pid_file "$STATE/redis-cluster/node2.pid" "cluster master 2 (port $REDIS_CLUSTER_PORT_2)" ;;
  "kill single") kill_pid_file "$STATE/redis/redis.pid" "the single Redis (port $REDIS_PORT)" ;;
  "restore sentinel") bash "$SERVICES" start redis-sentinel ;;
  "restore cluster") bash "$SERVICES" start redis-cluster ;;
  "restore single") bash "$SERVICES" start redis ;;
  *) echo "usage: DRILL_REDIS={sentinel|cluster|single} $0 {kill|restore}" >&2; exit 2 ;;
esac
