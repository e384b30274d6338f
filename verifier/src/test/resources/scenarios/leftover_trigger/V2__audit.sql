CREATE FUNCTION lower_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.email := lower(NEW.email); RETURN NEW; END;
$$;
CREATE TRIGGER trg_lower_email BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION lower_email();
