CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2));
CREATE TABLE audit (id int PRIMARY KEY, note text);
-- Deleting an order empties the audit table: V2 never names it.
CREATE FUNCTION purge_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM audit;
    RETURN OLD;
END;
$$;
CREATE TRIGGER trg_purge_audit AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION purge_audit();
