#!/bin/sh
# The streaming replica's role (docker-compose.yml, service db-replica), made on the primary's first start:
# it may replicate and nothing else, and connects with its password from the compose network.
set -eu
[ -n "${BUDGET_REPLICATION_PASSWORD:-}" ] || exit 0
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\getenv repl_pw BUDGET_REPLICATION_PASSWORD
CREATE ROLE budgetportal_replication LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'repl_pw';
SQL
echo "host replication budgetportal_replication all scram-sha-256" >>"$PGDATA/pg_hba.conf"
