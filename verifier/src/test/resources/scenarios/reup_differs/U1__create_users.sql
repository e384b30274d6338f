DROP TABLE users;
DROP SEQUENCE shard_counter;
