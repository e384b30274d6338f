CREATE SCHEMA reporting;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE money_range AS RANGE (subtype = numeric);
CREATE TYPE address AS (street text, city text);
CREATE DOMAIN email_address AS citext CHECK (VALUE ~ '@');
CREATE SEQUENCE invoice_number AS integer INCREMENT 10 START 1000;
CREATE TABLE reporting.visits (
    id       serial PRIMARY KEY,
    user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    feeling  mood NOT NULL DEFAULT 'ok',
    contact  email_address,
    visited  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_visits_future CHECK (visited > '2000-01-01')
);
CREATE INDEX ix_visits_user_id ON reporting.visits (user_id);
CREATE INDEX ix_visits_happy ON reporting.visits (visited) WHERE feeling = 'happy';
CREATE INDEX ix_visits_lower_contact ON reporting.visits USING hash (lower(contact::text));
COMMENT ON TABLE reporting.visits IS 'Who came when';
COMMENT ON COLUMN reporting.visits.feeling IS 'How they felt';
CREATE VIEW reporting.happy_visits AS SELECT id, user_id FROM reporting.visits WHERE feeling = 'happy';
CREATE MATERIALIZED VIEW reporting.visit_counts AS SELECT user_id, count(*) AS visits FROM reporting.visits GROUP BY user_id;
CREATE FUNCTION reporting.visit_total(p_user bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT count(*) FROM reporting.visits WHERE user_id = p_user
$$;
CREATE PROCEDURE reporting.forget(p_user bigint) LANGUAGE plpgsql AS $body$
BEGIN
    DELETE FROM reporting.visits WHERE user_id = p_user;
END;
$body$;
CREATE FUNCTION reporting.no_sad_mondays() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.feeling = 'sad' AND extract(dow FROM NEW.visited) = 1 THEN
        NEW.feeling := 'ok';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER trg_no_sad_mondays BEFORE INSERT ON reporting.visits
    FOR EACH ROW EXECUTE FUNCTION reporting.no_sad_mondays();
ALTER TABLE reporting.visits ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_visits ON reporting.visits FOR SELECT USING (user_id = 42);
GRANT SELECT ON users TO PUBLIC;
ALTER TABLE users ADD COLUMN mood mood;
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
COMMENT ON COLUMN users.email IS 'Login';
DO $$
BEGIN
    RAISE NOTICE 'created % objects', 20;
END
$$;
