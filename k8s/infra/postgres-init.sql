-- Runs once, when the Postgres data directory is first initialised (the official image
-- executes /docker-entrypoint-initdb.d/*.sql). Used by docker-compose.yml and by the
-- in-cluster Postgres of k8s/infra.
--
-- Only the database is created here: every service creates and migrates its own schema
-- with Flyway (identity, documents, conversations, analytics, media).
CREATE DATABASE noterag;
