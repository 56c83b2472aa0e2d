#!/usr/bin/env bash
# Starts the portal: installs what is missing, runs a private PostgreSQL under .data/ (kept across
# restarts; the portal connects as a role that can only read and write rows) unless
# ConnectionStrings__Budget is set, applies migrations, loads the seeds if absent,
# and serves http://127.0.0.1:${PORT:-5000}. Ctrl-C stops the portal and the cluster.
#   ./run.sh import PATH... [--code CODE] [--out RESULT.json]
# imports published disclosures (.txt or .pdf, files or folders) as drafts instead of serving (README).
#   ./run.sh cluster [N]
# starts HAProxy in front of N portal nodes (3), a PostgreSQL primary and its streaming replica, and Redis
# on this machine (.ci/cluster.sh; README, "Several web nodes").
set -euo pipefail
export IMPORT_BASE="$(pwd)"
cd "$(dirname "$0")"
ROOT="$(pwd)"
if [ "${1:-}" = cluster ]; then shift; exec .ci/cluster.sh "$@"; fi
source .ci/common.sh

PORT="${PORT:-5000}"
ensure_dotnet
ensure_frontend "$ROOT" || true
command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
ensure_pdf_tools

# A portal (or anything else) already listening on the port: say so before touching anything.
if [ "${1:-}" != "import" ] && port_in_use "$PORT"; then
    echo "端口 $PORT 已被占用：门户可能已在运行（http://127.0.0.1:$PORT），或用 PORT=其他端口 ./run.sh。" >&2
    exit 1
fi

if [ -z "${ConnectionStrings__Budget:-}" ]; then
    ensure_postgres
    DATA_DIR="$ROOT/.data/postgres"
    PGPORT="$(cluster_port "$DATA_DIR")"
    if [ -n "$PGPORT" ] && pg_run "$PG_BIN/pg_ctl" -D "$DATA_DIR/data" status >/dev/null 2>&1; then
        # Someone else's run (an import, another portal) started it: use it, and leave it running.
        echo "使用已在运行的数据库（端口 $PGPORT）。"
        # Started before password authentication was the rule, perhaps: it is from now on.
        write_pg_hba "$DATA_DIR"
        pg_run "$PG_BIN/pg_ctl" -D "$DATA_DIR/data" reload >/dev/null
    else
        # Each checkout its own port (another checkout's cluster may hold 55432): stable for this folder,
        # the next free one when taken; PGPORT_PRIVATE chooses one.
        PGPORT="${PGPORT_PRIVATE:-$(checkout_port 55432 "$ROOT")}"
        echo "私有数据库端口：$PGPORT（$DATA_DIR）"
        start_cluster "$DATA_DIR" "$PGPORT"
        STARTED_CLUSTER=1
    fi
    # Two roles, never the superuser: budgetportal_owner owns the schema and runs the migrations;
    # the portal works as budgetportal_app, which may only read and write rows (docs/decisions/0010).
    # Their generated passwords stay in .data/ (mode 600), so a second run reuses them.
    OWNER_PASSWORD="$(role_password "$ROOT/.data/db-owner-password")"
    APP_PASSWORD="$(role_password "$ROOT/.data/db-app-password")"
    ensure_roles "$DATA_DIR" "$PGPORT" budgetportal budgetportal_owner "$OWNER_PASSWORD" budgetportal_app "$APP_PASSWORD"
    export ConnectionStrings__BudgetOwner="Host=127.0.0.1;Port=$PGPORT;Database=budgetportal;Username=budgetportal_owner;Password=$OWNER_PASSWORD"
    export ConnectionStrings__Budget="Host=127.0.0.1;Port=$PGPORT;Database=budgetportal;Username=budgetportal_app;Password=$APP_PASSWORD"
fi

cleanup() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    [ -n "${STARTED_CLUSTER:-}" ] && stop_cluster "$DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "正在编译……"
dotnet build src/BudgetPortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Logging__File__Path="${Logging__File__Path:-$ROOT/.data/logs/budgetportal-.log}"
# The log names people and what they did: only this account reads it (the portal makes its files 600).
if [ "$Logging__File__Path" = "$ROOT/.data/logs/budgetportal-.log" ]; then mkdir -p "$ROOT/.data/logs" && chmod 700 "$ROOT/.data/logs"; fi
# The host names the portal answers for (any other Host header gets 400); add the public name (README).
export AllowedHosts="${AllowedHosts:-localhost;127.0.0.1;[::1]}"
export Admin__PasswordFile="${Admin__PasswordFile:-$ROOT/.data/admin-one-time-password}"
# The sign-in keys are kept in the database, encrypted with this certificate (made on the first run, kept in .data/).
if [ -z "${DataProtection__CertificateFile:-}" ]; then
    mkdir -p "$ROOT/.data" && key_certificate "$ROOT/.data/keys-certificate.pem"
    export DataProtection__CertificateFile="$ROOT/.data/keys-certificate.pem"
fi
export Seeds__Path="${Seeds__Path:-$ROOT/seeds}"
if [ "${1:-}" = import ]; then
    set +e
    ( cd src/BudgetPortal.Web && dotnet bin/Release/net10.0/BudgetPortal.Web.dll "$@" )
    status=$?
    exit "$status"
fi
URL="http://127.0.0.1:$PORT"
( cd src/BudgetPortal.Web && exec dotnet bin/Release/net10.0/BudgetPortal.Web.dll --urls "$URL" ) &
APP_PID=$!

for _ in $(seq 1 120); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "门户启动失败，请查看上面的日志。" >&2; exit 1; fi
    if curl -fsS "$URL/healthz" >/dev/null 2>&1; then
        echo "部门预算公开平台已启动：$URL （按 Ctrl-C 停止）"
        break
    fi
    sleep 0.5
done
wait "$APP_PID"
