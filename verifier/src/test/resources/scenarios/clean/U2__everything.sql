-- A DO block and dollar quotes, parsed by Flyway's own parser.
DO $$
BEGIN
    EXECUTE 'COMMENT ON COLUMN users.email IS NULL';
END
$$;
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
ALTER TABLE users DROP COLUMN mood;
REVOKE SELECT ON users FROM PUBLIC;
DROP SCHEMA reporting CASCADE;
DROP SEQUENCE invoice_number;
DROP DOMAIN email_address;
DROP TYPE address;
DROP TYPE money_range;
DROP TYPE mood;
DROP EXTENSION citext;
