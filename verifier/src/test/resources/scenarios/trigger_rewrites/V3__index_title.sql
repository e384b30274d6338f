CREATE INDEX ix_documents_title ON documents (title);
