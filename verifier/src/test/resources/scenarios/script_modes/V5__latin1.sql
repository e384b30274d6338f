-- Saved as ISO-8859-1, which its .conf declares.
COMMENT ON TABLE t IS 'café';
