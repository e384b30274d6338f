DROP TRIGGER IF EXISTS trg_research_touch ON research;
DROP FUNCTION IF EXISTS touch_updated_at();
DROP TABLE IF EXISTS research;
DROP TYPE IF EXISTS research_status;
