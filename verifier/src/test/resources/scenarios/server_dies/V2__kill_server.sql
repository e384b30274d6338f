-- Stops the PostgreSQL server this migration runs on, in the middle of the revision (immediate shutdown).
DO $$
BEGIN
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L',
                   'kill -QUIT $(head -1 ' || current_setting('data_directory') || '/postmaster.pid)');
END
$$;
