-- Makes the current database one Teatree's application role can use (docs/security.md): only it and the admin may
-- connect, and it owns the schema teatree and nothing else. Run by the admin superuser inside that database.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO teatree', current_database());
END
$$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS teatree AUTHORIZATION teatree;
