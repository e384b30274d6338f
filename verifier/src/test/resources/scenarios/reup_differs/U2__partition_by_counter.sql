DO $$
DECLARE
    shard record;
BEGIN
    FOR shard IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'users\_shard\_%' LOOP
        EXECUTE format('DROP TABLE %I', shard.tablename);
    END LOOP;
END
$$;
