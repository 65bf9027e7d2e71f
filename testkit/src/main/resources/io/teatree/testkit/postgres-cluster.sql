-- Teatree's application role (docs/security.md), run by the admin superuser in the cluster's postgres database
-- by testkit's PostgresServer and by bin/teatree on every start, so a changed password file takes effect.
-- @APP_PASSWORD@ is replaced (hex only).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'teatree') THEN
        CREATE ROLE teatree LOGIN;
    END IF;
END
$$;
ALTER ROLE teatree LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD '@APP_PASSWORD@';
-- the control tables and Flyway's history live in the schema teatree, the only one the role owns
ALTER ROLE teatree SET search_path = teatree;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;
