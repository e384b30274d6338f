-- A table of one row: Flyback's ten rows break it, production's one does not.
CREATE UNIQUE INDEX idx_site_aggregates_1_row_only ON site_aggregates ((true));
