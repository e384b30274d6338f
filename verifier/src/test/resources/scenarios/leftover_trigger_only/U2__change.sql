-- forgot: DROP TRIGGER trg_keep_name ON users;
SELECT 1;
