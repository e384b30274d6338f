-- ${flyway:filename} undoes what V1 made
DO $$
BEGIN
    PERFORM 1;
    DROP TABLE notes;
END
$$;
