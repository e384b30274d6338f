-- Re-created with other indentation: the same function.
CREATE FUNCTION answer() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN 42;
END
$$;
