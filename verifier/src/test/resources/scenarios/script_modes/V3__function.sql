-- The function keeps the search path its session had: Flyway's default schema first.
CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path FROM CURRENT AS $$ SELECT 1 $$;
