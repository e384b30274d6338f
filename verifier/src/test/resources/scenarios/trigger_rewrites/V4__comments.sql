-- A new table whose trigger keeps a column of an older one up to date. The scripts write no row of documents; rows
-- an application adds to comments between the up and the undo do, and an undo is not to give that back.
CREATE TABLE comments (id bigint PRIMARY KEY, document_id bigint NOT NULL REFERENCES documents (id), body text);
CREATE INDEX ix_comments_document_id ON comments (document_id);
CREATE FUNCTION count_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE documents SET title = title || '*' WHERE id = NEW.document_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER trg_count_comment AFTER INSERT OR UPDATE ON comments FOR EACH ROW EXECUTE FUNCTION count_comment();
