#!/bin/sh
# Runs once, when the primary's data folder is first made: a role and a
# replication slot for the standby, and the right to stream to it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD 'replicator';
SELECT pg_create_physical_replication_slot('standby');
SQL
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
