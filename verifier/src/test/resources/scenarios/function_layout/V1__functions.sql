CREATE FUNCTION answer() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    RETURN 42;
END
$$;
CREATE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN 'hello  world';
END
$$;
