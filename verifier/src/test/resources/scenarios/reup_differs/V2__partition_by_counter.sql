-- A state-dependent migration: the table it creates is named after a sequence value (V1's sequence), which no undo resets.
DO $$
BEGIN
    EXECUTE format('CREATE TABLE users_shard_%s (LIKE users)', nextval('shard_counter'));
END
$$;
