-- Stops the PostgreSQL server this migration runs on, in the middle of the revision (immediate shutdown).
DO $$
BEGIN
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L',
                   'kill -QUIT $(head -1 ' || current_setting('data_directory') || '/postmaster.pid)');
    -- The signal travels on its own: without waiting here, the statement could commit before the server goes,
    -- and the loss be seen later, while Flyback reads the schema (it happened once in a full run).
    PERFORM pg_sleep(30);
END
$$;
