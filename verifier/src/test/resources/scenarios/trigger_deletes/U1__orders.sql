DROP TABLE orders;
DROP FUNCTION purge_audit();
DROP TABLE audit;
