# Shared by run.sh and test.sh: install what is missing, and run a private PostgreSQL cluster.
# shellcheck shell=bash

as_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    # apt_install PACKAGE... : installs with apt when root, else says exactly what to install.
    if as_root; then
        if [ -z "${APT_UPDATED:-}" ]; then
            apt-get update -qq >/dev/null
            APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    else
        echo "缺少依赖：请以 root 身份运行，或先执行：sudo apt-get install -y $*" >&2
        exit 1
    fi
}

ensure_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
        if as_root && apt-cache policy dotnet-sdk-10.0 2>/dev/null | grep -q Candidate; then
            apt_install dotnet-sdk-10.0
        else
            echo "缺少 .NET 10 SDK：请安装 dotnet-sdk-10.0（见 https://learn.microsoft.com/dotnet/core/install/linux-debian）。" >&2
            exit 1
        fi
    fi
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

PG_BIN=""
ensure_postgres() {
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/16/bin /usr/lib/postgresql/17/bin; do
        if [ -x "$dir/initdb" ]; then PG_BIN="$dir"; return; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        PG_BIN="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"; return
    fi
    apt_install postgresql-15 postgresql-client-15
    PG_BIN=/usr/lib/postgresql/15/bin
}

# PostgreSQL refuses to run as root: run its programs as the postgres user then.
pg_run() {
    if as_root; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# port_in_use PORT : whether something listens on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# checkout_port BASE DIR : a port for DIR's private cluster that stays the same for this checkout (BASE plus a
# number from 0 to 999 derived from DIR's path), or the next free one after it when something else listens there.
checkout_port() {
    local base="$1" dir="$2" port
    port=$((base + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 1000))
    while port_in_use "$port"; do port=$((port + 1)); done
    echo "$port"
}

# start_cluster DIR PORT [extra postgres options] : initdb if needed, then start (reusing a running one).
start_cluster() {
    local dir="$1" port="$2"; shift 2
    mkdir -p "$dir"
    if as_root; then chown postgres "$dir" 2>/dev/null || { id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres; chown postgres "$dir"; }; fi
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        pg_run "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; return 1; }
    fi
    write_pg_hba "$dir"
    if pg_run "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        pg_run "$PG_BIN/pg_ctl" -D "$dir/data" reload >/dev/null 2>&1 || true
        return 0
    fi
    pg_run "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $*" start >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
}

# Who may connect, written on every start so that a cluster made before this rule (trust for
# everyone) gets it too: the superuser only through the Unix socket in the cluster's own directory
# (mode 700, so only the account running the cluster reaches it), every other role only with its
# password over TCP. The portal's roles are never superusers (docs/decisions/0010).
write_pg_hba() {
    local hba="$1/data/pg_hba.conf"
    pg_run sh -c "cat > '$hba'" <<'HBA'
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 trust
host    all       postgres  127.0.0.1/32   reject
host    all       postgres  ::1/128        reject
host    all       all       127.0.0.1/32   scram-sha-256
host    all       all       ::1/128        scram-sha-256
HBA
}

# ensure_roles DIR PORT DATABASE OWNER OWNER_PASSWORD APP APP_PASSWORD : the database's owner (runs the
# migrations) and the portal's role (reads and writes rows, nothing else), created if missing, their
# passwords set to the given ones, the database created (or handed over) to the owner. Safe to run
# again. Passwords go through psql's standard input, never the command line (visible in ps).
ensure_roles() {
    local dir="$1" port="$2" db="$3" owner="$4" owner_pw="$5" app="$6" app_pw="$7"
    pg_run "$PG_BIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -qtA -v ON_ERROR_STOP=1 \
        -v owner="$owner" -v app="$app" -v db="$db" >/dev/null <<SQL
\\set owner_pw '$owner_pw'
\\set app_pw '$app_pw'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', :'owner')
    WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \\gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', :'app')
    WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \\gexec
ALTER ROLE :"owner" PASSWORD :'owner_pw';
ALTER ROLE :"app" PASSWORD :'app_pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
    WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \\gexec
ALTER DATABASE :"db" OWNER TO :"owner";
SQL
    # A database made before the roles existed has its tables owned by postgres: hand them to the owner
    # (the database owner also owns the public schema), so that it can migrate them.
    pg_run "$PG_BIN/psql" -h "$dir" -p "$port" -U postgres -d "$db" -qtA -v ON_ERROR_STOP=1 -v owner="$owner" >/dev/null <<'SQL'
SELECT format('ALTER %s %I OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, c.relname, :'owner')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S') AND pg_get_userbyid(c.relowner) = 'postgres'
  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
\gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'owner')
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = 'postgres'
\gexec
SQL
}

# A password for a role of the private cluster, kept in FILE (mode 600) and reused on the next run.
role_password() {
    local file="$1"
    if [ ! -s "$file" ]; then
        ( umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$file" )
    fi
    chmod 600 "$file"
    cat "$file"
}

cluster_port() {
    # The port a running cluster listens on (from its postmaster.pid), else empty.
    sed -n "4p" "$1/data/postmaster.pid" 2>/dev/null || true
}

stop_cluster() {
    local dir="$1"
    [ -f "$dir/data/postmaster.pid" ] && pg_run "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# The official PDF: Debian's Chromium headless shell (driven by Playwright; the browser tests drive it
# too; the full chromium is the printer's fallback), TrueType CJK fonts (宋体-style
# AR PL SungtiL GB for the body, 黑体-style WenQuanYi Micro Hei for headings) and poppler-utils (pdftotext,
# pdffonts, pdfinfo for the tests). Installs only what is missing.
# key_certificate FILE : a self-signed certificate and its RSA key in one PEM file (mode 600), made once and
# kept; the portal encrypts its sign-in keys in the database with it (DataProtection__CertificateFile, KeyEncryption).
key_certificate() {
    local file="$1"
    [ -s "$file" ] && return 0
    command -v openssl >/dev/null 2>&1 || apt_install openssl
    ( umask 077
      openssl req -x509 -newkey rsa:3072 -nodes -days 36500 -subj "/CN=BudgetPortal key encryption" \
          -keyout "$file.key" -out "$file.crt" >/dev/null 2>&1 \
        && cat "$file.crt" "$file.key" >"$file.tmp" && mv "$file.tmp" "$file"
      rm -f "$file.crt" "$file.key" "$file.tmp" )
    [ -s "$file" ] || { echo "无法生成密钥证书 $file（openssl）" >&2; return 1; }
}

ensure_pdf_tools() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
    [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
    [ -f /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf ] || missing+=(fonts-arphic-gbsn00lp)
    command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}"
        command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
    fi
}

# The zip readers the tests check every year package with, besides .NET's own (tests/…/Infrastructure/ZipReaders.cs):
# Info-ZIP's unzip (`unzip -t`) and Python's zipfile. Installs only what is missing.
ensure_zip_readers() {
    local missing=()
    command -v unzip >/dev/null 2>&1 || missing+=(unzip)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# Front-end libraries (Chart.js) and the OpenAPI linter the tests run (@redocly/cli, a devDependency)
# from npm, into src/BudgetPortal.Web/node_modules (never committed); both work offline afterwards.
ensure_frontend() {
    local web="$1/src/BudgetPortal.Web"
    if [ -f "$web/node_modules/chart.js/dist/chart.umd.min.js" ] && [ -x "$web/node_modules/.bin/redocly" ] \
        && [ -x "$web/node_modules/.bin/lighthouse" ]; then return; fi
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    ( cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null ) \
        || { echo "npm ci 失败：图表库 Chart.js、接口文档检查工具 Redocly CLI 和页面检查工具 Lighthouse 未能安装（页面上的数据表仍然可用）。" >&2; return 1; }
}
