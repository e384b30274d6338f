CREATE TABLE events (id bigint NOT NULL, kind text NOT NULL, at date NOT NULL) PARTITION BY LIST (kind);
CREATE TABLE events_login PARTITION OF events FOR VALUES IN ('login');
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE TABLE audit (id bigserial PRIMARY KEY, note text);
CREATE FUNCTION log_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (note) VALUES ('event ' || NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER trg_log AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION log_event();
