CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users;
