#!/bin/sh
# Run by the postgres image once, when its data volume is new (/docker-entrypoint-initdb.d): the
# image creates messaging's database (POSTGRES_DB), this creates the gateway's
# (GATEWAY_POSTGRES_DB) on the same server, owned by the same user. Flyway creates the tables
# when each service starts.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$GATEWAY_POSTGRES_DB" <<'SQL'
CREATE DATABASE :"db";
SQL
