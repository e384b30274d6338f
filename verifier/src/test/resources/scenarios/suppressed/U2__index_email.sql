-- flyback:allow LEFTOVER_INDEX the reporting replica keeps using it after a rollback
-- flyback:allow REUP_* a second application needs the index dropped by hand first
SELECT 1;
