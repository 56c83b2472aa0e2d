#!/bin/sh
# Run once by the postgres image when its volume is first initialised (docker-compose.yml mounts this
# folder on /docker-entrypoint-initdb.d): the schema's owner, which migrates, and the portal's role,
# which only reads and writes rows (docs/decisions/0010-database-roles-and-immutability.md). The
# passwords come from the environment through \getenv, never a command line.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\getenv owner_pw BUDGET_OWNER_PASSWORD
\getenv app_pw BUDGET_APP_PASSWORD
CREATE ROLE budgetportal_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_pw';
CREATE ROLE budgetportal_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
CREATE DATABASE budgetportal OWNER budgetportal_owner;
SQL
