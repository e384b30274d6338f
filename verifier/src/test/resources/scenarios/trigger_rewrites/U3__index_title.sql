DROP INDEX ix_documents_title;
