# Sourced by infra/services.sh: the two Redis topologies a production deployment may use, started on loopback beside
# the single Redis so that tests and drills can prove the gateway on each of them.
#
#   redis-cluster   three masters (no replicas), all 16384 slots spread over them: what CROSSSLOT and MOVED look like.
#   redis-sentinel  a primary, a replica of it and three sentinels watching it (service "gateway", quorum 2):
#                   what a failover looks like.
#
# Like the rest: free ports picked once (ports.env), data under $STATE, `stop NAME`/`start NAME` keep port and data.
# A cluster node's bus port is picked too (`cluster-port`), not left at port+10000, which could land in the
# kernel's ephemeral range. Uses the functions and variables of services.sh (pick_port, wait_for, stop_group, ...).

SENTINEL_SERVICE=gateway

# Ports of both topologies, appended to an older ports.env that lacks them (a developer's kept state).
redis_topology_ports() {
  local name v
  for v in $(cut -d= -f2 "$PORTS_FILE" | grep -E '^[0-9]+$'); do TAKEN[$v]=1; done
  for name in REDIS_CLUSTER_PORT_1 REDIS_CLUSTER_PORT_2 REDIS_CLUSTER_PORT_3 \
              REDIS_CLUSTER_BUS_1 REDIS_CLUSTER_BUS_2 REDIS_CLUSTER_BUS_3 \
              REDIS_SENTINEL_PRIMARY_PORT REDIS_SENTINEL_REPLICA_PORT \
              REDIS_SENTINEL_PORT_1 REDIS_SENTINEL_PORT_2 REDIS_SENTINEL_PORT_3; do
    if [ -z "${!name:-}" ]; then
      printf -v "$name" '%s' "$(pick_port)"
      TAKEN[${!name}]=1
      echo "$name=${!name}" >> "$PORTS_FILE"
    fi
  done
}

redis_topology_env() {
  cat <<EOF
# Redis Cluster (3 masters) and a Sentinel set (primary, replica, 3 sentinels, quorum 2): StackExchange.Redis strings.
export GATEWAY_REDIS_CLUSTER='127.0.0.1:$REDIS_CLUSTER_PORT_1,127.0.0.1:$REDIS_CLUSTER_PORT_2,127.0.0.1:$REDIS_CLUSTER_PORT_3'
export GATEWAY_REDIS_SENTINEL='127.0.0.1:$REDIS_SENTINEL_PORT_1,127.0.0.1:$REDIS_SENTINEL_PORT_2,127.0.0.1:$REDIS_SENTINEL_PORT_3,serviceName=$SENTINEL_SERVICE'
export GATEWAY_REDIS_SENTINEL_SERVICE='$SENTINEL_SERVICE'
export GATEWAY_REDIS_SENTINEL_DATA='127.0.0.1:$REDIS_SENTINEL_PRIMARY_PORT,127.0.0.1:$REDIS_SENTINEL_REPLICA_PORT'
EOF
}

rcli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null; }
NODE_PORT=
node_ready() { [ "$(rcli "$NODE_PORT" ping)" = PONG ]; }

# One redis-server (or sentinel: extra argument --sentinel) from the config file DIR/NAME.conf; pid file NAME.pid.
redis_node_start() {
  local dir=$1 name=$2 port=$3
  port_listening "$port" && die "$name port $port is taken by another process"
  setsid redis-server "$dir/$name.conf" ${4:-} >> "$dir/$name.stdout" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
  NODE_PORT=$port
  wait_for "$name" node_ready "$dir/$name.log" "$dir/$name.pid" redis-server
}

redis_node_stop() {
  local dir=$1 name=$2 port=$3
  # SHUTDOWN flushes the AOF (a sentinel rewrites its config); the group kill is the fallback.
  if pid_alive "$dir/$name.pid" redis-server; then rcli "$port" shutdown >/dev/null || true; fi
  stop_group "$dir/$name.pid" redis-server "$name" 15
}

# Data node settings shared by both topologies: loopback, AOF every second, no RDB snapshots.
redis_data_conf() {
  local dir=$1 name=$2 port=$3
  cat <<EOF
bind 127.0.0.1
port $port
protected-mode yes
daemonize no
pidfile $dir/$name-server.pid
logfile $dir/$name.log
dir $dir/$name
appendonly yes
appendfsync everysec
save ""
EOF
}

# ---------------------------------------------------------------- redis-cluster

CLUSTER_DIR="$STATE/redis-cluster"
cluster_port() { local v="REDIS_CLUSTER_PORT_$1"; echo "${!v}"; }
cluster_running() {
  local i
  for i in 1 2 3; do pid_alive "$CLUSTER_DIR/node$i.pid" redis-server || return 1; done
}
cluster_ok() {
  local i
  for i in 1 2 3; do rcli "$(cluster_port "$i")" cluster info | grep -q '^cluster_state:ok' || return 1; done
}
cluster_any_running() {
  local i
  for i in 1 2 3; do pid_alive "$CLUSTER_DIR/node$i.pid" redis-server && return 0; done
  return 1
}

redis_cluster_start() {
  local i port
  if cluster_running && cluster_ok; then log "redis-cluster already running on 127.0.0.1:$REDIS_CLUSTER_PORT_1,$REDIS_CLUSTER_PORT_2,$REDIS_CLUSTER_PORT_3"; return 0; fi
  for i in 1 2 3; do
    port=$(cluster_port "$i")
    pid_alive "$CLUSTER_DIR/node$i.pid" redis-server && continue
    mkdir -p "$CLUSTER_DIR/node$i"
    local bus="REDIS_CLUSTER_BUS_$i"
    # nodes.conf (the node's identity and slots) lives in its data dir: a restart rejoins the same cluster.
    { redis_data_conf "$CLUSTER_DIR" "node$i" "$port"
      echo "cluster-enabled yes"
      echo "cluster-config-file nodes.conf"
      echo "cluster-port ${!bus}"
      echo "cluster-node-timeout 2000"
    } > "$CLUSTER_DIR/node$i.conf"
    redis_node_start "$CLUSTER_DIR" "node$i" "$port"
  done
  # A brand-new set (no slot assigned anywhere): spread the slots evenly over the three masters and join them.
  if rcli "$REDIS_CLUSTER_PORT_1" cluster info | grep -q '^cluster_slots_assigned:0'; then
    rcli "$REDIS_CLUSTER_PORT_1" cluster addslotsrange 0 5460 >/dev/null
    rcli "$REDIS_CLUSTER_PORT_2" cluster addslotsrange 5461 10922 >/dev/null
    rcli "$REDIS_CLUSTER_PORT_3" cluster addslotsrange 10923 16383 >/dev/null
    rcli "$REDIS_CLUSTER_PORT_1" cluster meet 127.0.0.1 "$REDIS_CLUSTER_PORT_2" "$REDIS_CLUSTER_BUS_2" >/dev/null
    rcli "$REDIS_CLUSTER_PORT_1" cluster meet 127.0.0.1 "$REDIS_CLUSTER_PORT_3" "$REDIS_CLUSTER_BUS_3" >/dev/null
  fi
  wait_for redis-cluster cluster_ok "$CLUSTER_DIR/node1.log" "$CLUSTER_DIR/node1.pid" redis-server
  log "redis-cluster ready on 127.0.0.1:$REDIS_CLUSTER_PORT_1,$REDIS_CLUSTER_PORT_2,$REDIS_CLUSTER_PORT_3"
}

redis_cluster_stop() {
  local i
  for i in 3 2 1; do redis_node_stop "$CLUSTER_DIR" "node$i" "$(cluster_port "$i")"; done
}

redis_cluster_status() {
  if cluster_running && cluster_ok; then
    echo "redis-cluster: running 127.0.0.1:$REDIS_CLUSTER_PORT_1,$REDIS_CLUSTER_PORT_2,$REDIS_CLUSTER_PORT_3 (3 masters)"
  else echo "redis-cluster: stopped"; return 1; fi
}

# ---------------------------------------------------------------- redis-sentinel

SENTINEL_DIR="$STATE/redis-sentinel"
sentinel_port() { local v="REDIS_SENTINEL_PORT_$1"; echo "${!v}"; }
sentinel_data_port() { [ "$1" = primary ] && echo "$REDIS_SENTINEL_PRIMARY_PORT" || echo "$REDIS_SENTINEL_REPLICA_PORT"; }
sentinel_running() {
  local n
  for n in primary replica; do pid_alive "$SENTINEL_DIR/$n.pid" redis-server || return 1; done
  for n in 1 2 3; do pid_alive "$SENTINEL_DIR/sentinel$n.pid" redis-server || return 1; done
}
sentinel_any_running() {
  local n
  for n in primary replica sentinel1 sentinel2 sentinel3; do pid_alive "$SENTINEL_DIR/$n.pid" redis-server && return 0; done
  return 1
}
# Every sentinel knows the primary, its replica and the two other sentinels: a failover can be voted now.
sentinel_ok() {
  local i info
  for i in 1 2 3; do
    info=$(rcli "$(sentinel_port "$i")" sentinel master "$SENTINEL_SERVICE" | paste -sd' ') || return 1
    [[ " $info " == *" flags master "* ]] || return 1
    [[ " $info " == *" num-slaves 1 "* ]] || return 1
    [[ " $info " == *" num-other-sentinels 2 "* ]] || return 1
  done
}
# The replica is in sync with whoever is primary now (after a failover the roles may have swapped).
sentinel_data_ok() {
  local n
  for n in primary replica; do [ "$(rcli "$(sentinel_data_port "$n")" ping)" = PONG ] || return 1; done
  rcli "$REDIS_SENTINEL_PRIMARY_PORT" info replication | grep -q 'master_link_status:up\|connected_slaves:1' || return 1
  rcli "$REDIS_SENTINEL_REPLICA_PORT" info replication | grep -q 'master_link_status:up\|connected_slaves:1' || return 1
}

redis_sentinel_start() {
  local n i port
  if sentinel_running && sentinel_ok; then log "redis-sentinel already running (sentinels 127.0.0.1:$REDIS_SENTINEL_PORT_1,$REDIS_SENTINEL_PORT_2,$REDIS_SENTINEL_PORT_3)"; return 0; fi
  mkdir -p "$SENTINEL_DIR"
  for n in primary replica; do
    port=$(sentinel_data_port "$n")
    pid_alive "$SENTINEL_DIR/$n.pid" redis-server && continue
    mkdir -p "$SENTINEL_DIR/$n"
    redis_data_conf "$SENTINEL_DIR" "$n" "$port" > "$SENTINEL_DIR/$n.conf"
    redis_node_start "$SENTINEL_DIR" "$n" "$port"
  done
  # Roles are set here, not in the config files: after a failover the primary is whichever node the sentinels last
  # chose (their config remembers it), and the other node comes back as its replica.
  local primary=$REDIS_SENTINEL_PRIMARY_PORT other
  if [ -f "$SENTINEL_DIR/sentinel1.conf" ]; then
    primary=$(awk -v s="$SENTINEL_SERVICE" '$1 == "sentinel" && $2 == "monitor" && $3 == s { print $5 }' "$SENTINEL_DIR/sentinel1.conf")
  fi
  [ "$primary" = "$REDIS_SENTINEL_PRIMARY_PORT" ] && other=$REDIS_SENTINEL_REPLICA_PORT || other=$REDIS_SENTINEL_PRIMARY_PORT
  rcli "$primary" replicaof no one >/dev/null
  rcli "$other" replicaof 127.0.0.1 "$primary" >/dev/null
  wait_for "redis-sentinel replication" sentinel_data_ok "$SENTINEL_DIR/replica.log" "$SENTINEL_DIR/replica.pid" redis-server
  for i in 1 2 3; do
    port=$(sentinel_port "$i")
    pid_alive "$SENTINEL_DIR/sentinel$i.pid" redis-server && continue
    # Failure noticed after 1 s, a failover may be retried after 5 s: drills and tests see it happen in seconds.
    if [ ! -f "$SENTINEL_DIR/sentinel$i.conf" ]; then
      cat > "$SENTINEL_DIR/sentinel$i.conf" <<EOF
bind 127.0.0.1
port $port
daemonize no
pidfile $SENTINEL_DIR/sentinel$i-server.pid
logfile $SENTINEL_DIR/sentinel$i.log
dir $SENTINEL_DIR
sentinel monitor $SENTINEL_SERVICE 127.0.0.1 $REDIS_SENTINEL_PRIMARY_PORT 2
sentinel down-after-milliseconds $SENTINEL_SERVICE 1000
sentinel failover-timeout $SENTINEL_SERVICE 5000
sentinel parallel-syncs $SENTINEL_SERVICE 1
EOF
    fi
    redis_node_start "$SENTINEL_DIR" "sentinel$i" "$port" --sentinel
  done
  wait_for redis-sentinel sentinel_ok "$SENTINEL_DIR/sentinel1.log" "$SENTINEL_DIR/sentinel1.pid" redis-server
  log "redis-sentinel ready (service $SENTINEL_SERVICE; sentinels 127.0.0.1:$REDIS_SENTINEL_PORT_1,$REDIS_SENTINEL_PORT_2,$REDIS_SENTINEL_PORT_3; data 127.0.0.1:$REDIS_SENTINEL_PRIMARY_PORT,$REDIS_SENTINEL_REPLICA_PORT)"
}

redis_sentinel_stop() {
  local i n
  # Sentinels first, so that stopping the primary does not start a failover.
  for i in 3 2 1; do redis_node_stop "$SENTINEL_DIR" "sentinel$i" "$(sentinel_port "$i")"; done
  for n in replica primary; do redis_node_stop "$SENTINEL_DIR" "$n" "$(sentinel_data_port "$n")"; done
}

redis_sentinel_status() {
  if sentinel_running && sentinel_ok; then
    local primary
    primary=$(rcli "$REDIS_SENTINEL_PORT_1" sentinel get-master-addr-by-name "$SENTINEL_SERVICE" | paste -sd:)
    echo "redis-sentinel: running (service $SENTINEL_SERVICE, primary $primary, sentinels 127.0.0.1:$REDIS_SENTINEL_PORT_1,$REDIS_SENTINEL_PORT_2,$REDIS_SENTINEL_PORT_3)"
  else echo "redis-sentinel: stopped"; return 1; fi
}
