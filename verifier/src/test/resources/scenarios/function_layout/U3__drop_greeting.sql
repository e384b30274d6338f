-- Re-created with one space less inside the string: another function.
CREATE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN 'hello world';
END
$$;
