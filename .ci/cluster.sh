#!/usr/bin/env bash
# ./run.sh cluster [N] : several portal nodes on one machine, as in production (docs/scaling.md,
# docker-compose.yml): HAProxy in front of N portal nodes (default 3), a PostgreSQL primary with a
# streaming replica (pg_basebackup, hot standby) that takes the anonymous public reads, and Redis as the
# output cache every node shares. Every port is free when taken (another checkout, a second cluster);
# the data stays in CLUSTER_DIR (default .data/cluster) between runs. Ctrl-C stops everything it started.
# What it started and where is written to $CLUSTER_DIR/cluster.env (the cluster test reads it).
#   CLUSTER_DIR=…    where the data, logs and cluster.env go
#   PORT=…           the balancer's port (default: stable for this checkout, from 8000)
#   CLUSTER_NO_BUILD=1  use the portal already built (the test suite has built it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
source .ci/common.sh

NODES="${1:-3}"
if ! [[ "$NODES" =~ ^[1-9][0-9]?$ ]]; then
    echo "节点数应为 1 到 99 之间的整数：./run.sh cluster [N]（收到 \"$NODES\"）。" >&2
    exit 2
fi
DIR="${CLUSTER_DIR:-$ROOT/.data/cluster}"
mkdir -p "$DIR/logs"
# Others may pass through (the postgres account reaches its clusters' folders inside), not list or read.
chmod 711 "$DIR"; chmod 700 "$DIR/logs"
# One cluster per folder: a second run while the first serves says so instead of fighting over the data.
if [ -f "$DIR/cluster.pid" ] && kill -0 "$(cat "$DIR/cluster.pid")" 2>/dev/null; then
    echo "集群已在运行（进程 $(cat "$DIR/cluster.pid")，见 $DIR/cluster.env）；先按 Ctrl-C 停止它，或用 CLUSTER_DIR=其他目录。" >&2
    exit 1
fi
echo $$ >"$DIR/cluster.pid"
rm -f "$DIR/cluster.env"

ensure_dotnet
ensure_frontend "$ROOT" || true
ensure_postgres
ensure_pdf_tools
command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
missing=()
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" -gt 0 ] && apt_install "${missing[@]}"

PIDS=()
cleanup() {
    # The nodes and the balancer first (no request reaches a stopped database), then Redis, then both databases.
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    stop_cluster "$DIR/replica"
    stop_cluster "$DIR/primary"
    rm -f "$DIR/cluster.pid"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The primary: the private cluster of run.sh, plus replication through its own Unix socket for the standby.
PRIMARY_PORT="$(free_port)"
start_cluster "$DIR/primary" "$PRIMARY_PORT" "-c max_connections=200"
PRIMARY_PORT="$(cluster_port "$DIR/primary")"
pg_run sh -c "echo 'local   replication  postgres  trust' >> '$DIR/primary/data/pg_hba.conf'"
pg_run "$PG_BIN/pg_ctl" -D "$DIR/primary/data" reload >/dev/null
OWNER_PASSWORD="$(role_password "$DIR/db-owner-password")"
APP_PASSWORD="$(role_password "$DIR/db-app-password")"
ensure_roles "$DIR/primary" "$PRIMARY_PORT" budgetportal budgetportal_owner "$OWNER_PASSWORD" budgetportal_app "$APP_PASSWORD"

# The replica: a base backup of the primary (first run only), then a hot standby streaming from it.
if [ ! -f "$DIR/replica/data/PG_VERSION" ]; then
    mkdir -p "$DIR/replica"
    as_root && chown postgres "$DIR/replica"
    chmod 700 "$DIR/replica"
    pg_run "$PG_BIN/pg_basebackup" -h "$DIR/primary" -p "$PRIMARY_PORT" -U postgres -D "$DIR/replica/data" \
        -X stream -c fast -R >"$DIR/replica-basebackup.log" 2>&1 \
        || { cat "$DIR/replica-basebackup.log" >&2; exit 1; }
fi
REPLICA_PORT="$(free_port)"
# primary_conninfo on the command line: the primary's port may differ from the last run's.
start_cluster "$DIR/replica" "$REPLICA_PORT" "-c max_connections=200 -c hot_standby=on -c primary_conninfo='host=$DIR/primary port=$PRIMARY_PORT user=postgres application_name=replica'"
REPLICA_PORT="$(cluster_port "$DIR/replica")"

# Redis: the shared output cache, with a password (any local account could otherwise write pages into it).
REDIS_PORT="$(free_port)"
REDIS_PASSWORD="$(role_password "$DIR/redis-password")"
( umask 077; cat >"$DIR/redis.conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
requirepass $REDIS_PASSWORD
dir $DIR
save ""
appendonly no
maxmemory 256mb
maxmemory-policy volatile-lru
logfile $DIR/logs/redis.log
CONF
)
redis-server "$DIR/redis.conf" &
PIDS+=($!)
REDIS_PID=$!

if [ -z "${CLUSTER_NO_BUILD:-}" ]; then
    echo "正在编译……"
    dotnet build src/BudgetPortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export AllowedHosts="${AllowedHosts:-localhost;127.0.0.1;[::1]}"
export Admin__PasswordFile="${Admin__PasswordFile:-$DIR/admin-one-time-password}"
# Every node encrypts and reads the sign-in keys in the database with the same certificate (made once, kept in $DIR).
key_certificate "$DIR/keys-certificate.pem"
export DataProtection__CertificateFile="$DIR/keys-certificate.pem"
export Seeds__Path="${Seeds__Path:-$ROOT/seeds}"
export ConnectionStrings__BudgetOwner="Host=127.0.0.1;Port=$PRIMARY_PORT;Database=budgetportal;Username=budgetportal_owner;Password=$OWNER_PASSWORD"
export ConnectionStrings__Budget="Host=127.0.0.1;Port=$PRIMARY_PORT;Database=budgetportal;Username=budgetportal_app;Password=$APP_PASSWORD"
# The replica first, the primary when the replica is down (Npgsql tries the hosts in order; a public read
# never fails for want of the replica).
export ConnectionStrings__BudgetReplica="Host=127.0.0.1:$REPLICA_PORT,127.0.0.1:$PRIMARY_PORT;Target Session Attributes=prefer-standby;Database=budgetportal;Username=budgetportal_app;Password=$APP_PASSWORD"
# Each node passes a Redis that is down by as soon as its probe notices (SharedCacheProbe: at once when the connection
# fails, within 2 s when Redis stops answering); until then a page waits for these timeouts: 1 s, not the default 5 s.
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,abortConnect=false"
export Publication__NotifyNodes=true
# The balancer is the proxy in front of every node: its X-Forwarded-For names the client (rate limits per client).
export ForwardedHeaders__KnownProxies="${ForwardedHeaders__KnownProxies:-127.0.0.1}"

# The balancer's address, chosen before the nodes start: the readers' address, under which a node warms a
# publication's pages in the shared output cache (the cache keys by host).
BALANCER_PORT="${PORT:-$(checkout_port 8000 "$ROOT")}"
port_in_use "$BALANCER_PORT" && BALANCER_PORT="$(free_port)"
export Warming__PublicUrl="${Warming__PublicUrl:-http://127.0.0.1:$BALANCER_PORT}"

NODE_PORTS=()
start_node() {
    local i="$1" port
    port="$(free_port)"
    NODE_PORTS[$i]="$port"
    ( cd src/BudgetPortal.Web && Logging__File__Path="$DIR/logs/node$i-.log" \
        exec dotnet bin/Release/net10.0/BudgetPortal.Web.dll --urls "http://127.0.0.1:$port" ) >"$DIR/logs/node$i.out" 2>&1 &
    PIDS+=($!)
    NODE_PIDS[$i]=$!
}
wait_node() {
    local i="$1"
    for _ in $(seq 1 240); do
        if ! kill -0 "${NODE_PIDS[$i]}" 2>/dev/null; then
            echo "节点 $i 启动失败：" >&2; tail -30 "$DIR/logs/node$i.out" >&2; exit 1
        fi
        curl -fsS "http://127.0.0.1:${NODE_PORTS[$i]}/healthz" >/dev/null 2>&1 && return 0
        sleep 0.25
    done
    echo "节点 $i 在 60 秒内未就绪：" >&2; tail -30 "$DIR/logs/node$i.out" >&2; exit 1
}
NODE_PIDS=()
# Node 1 migrates, loads the seeds and makes the sign-in key; the others start after it, in parallel, and share them.
# Every node runs the jobs (the PDFs of each publication): each job is done once, by whichever node takes it.
echo "databases and Redis ready after ${SECONDS} s" >>"$DIR/logs/cluster-times.log"
start_node 1
wait_node 1
echo "node 1 (migrations, seeds, key) ready after ${SECONDS} s" >>"$DIR/logs/cluster-times.log"
export Database__Migrate=false Seeds__Load=false
for i in $(seq 2 "$NODES"); do start_node "$i"; done
for i in $(seq 2 "$NODES"); do wait_node "$i"; done

# HAProxy: round robin over the nodes, a health check every second (down after 2 failures), and a request
# that could not reach a node (refused, reset before an answer) tried again on another one; never a POST.
STATS_PORT="$(free_port)"
{
    cat <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 120s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
    option forwardfor
frontend portal
    bind 127.0.0.1:$BALANCER_PORT
    http-request disable-l7-retry if METH_POST
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    default-server inter 1s fastinter 500ms fall 2 rise 2
CFG
    for i in $(seq 1 "$NODES"); do echo "    server node$i 127.0.0.1:${NODE_PORTS[$i]} check"; done
    cat <<CFG
listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /
CFG
} >"$DIR/haproxy.cfg"
haproxy -f "$DIR/haproxy.cfg" -db >"$DIR/logs/haproxy.out" 2>&1 &
PIDS+=($!)
HAPROXY_PID=$!
for _ in $(seq 1 40); do port_in_use "$BALANCER_PORT" && break; sleep 0.25; done
port_in_use "$BALANCER_PORT" || { echo "HAProxy 未能启动：" >&2; cat "$DIR/logs/haproxy.out" >&2; exit 1; }

{
    echo "BALANCER_URL=http://127.0.0.1:$BALANCER_PORT"
    echo "STATS_URL=http://127.0.0.1:$STATS_PORT/"
    echo "HAPROXY_PID=$HAPROXY_PID"
    echo "NODES=$NODES"
    for i in $(seq 1 "$NODES"); do
        echo "NODE${i}_URL=http://127.0.0.1:${NODE_PORTS[$i]}"
        echo "NODE${i}_PID=${NODE_PIDS[$i]}"
    done
    echo "PRIMARY_SOCKET=$DIR/primary"
    echo "PRIMARY_PORT=$PRIMARY_PORT"
    echo "REPLICA_SOCKET=$DIR/replica"
    echo "REPLICA_PORT=$REPLICA_PORT"
    echo "REDIS_PORT=$REDIS_PORT"
    echo "REDIS_PID=$REDIS_PID"
    # To start Redis again after stopping it (the cluster test does): redis-server "$REDIS_CONF".
    echo "REDIS_CONF=$DIR/redis.conf"
} >"$DIR/cluster.env.tmp"
mv "$DIR/cluster.env.tmp" "$DIR/cluster.env"

echo "部门预算公开平台集群已启动，用时 ${SECONDS} 秒（按 Ctrl-C 全部停止）："
echo "  负载均衡（HAProxy）：http://127.0.0.1:$BALANCER_PORT   状态页：http://127.0.0.1:$STATS_PORT/"
for i in $(seq 1 "$NODES"); do echo "  节点 $i：http://127.0.0.1:${NODE_PORTS[$i]}（日志 $DIR/logs/node$i-*.log）"; done
echo "  主库：127.0.0.1:$PRIMARY_PORT   只读副本：127.0.0.1:$REPLICA_PORT   Redis：127.0.0.1:$REDIS_PORT"
[ -s "$Admin__PasswordFile" ] && echo "  首次登录：admin，一次性密码见 $Admin__PasswordFile"
# Serves until Ctrl-C, or until the balancer stops; a node that dies stays dead (the balancer routes around it).
wait "$HAPROXY_PID"
