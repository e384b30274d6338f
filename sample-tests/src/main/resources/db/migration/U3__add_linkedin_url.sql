ALTER TABLE team_members DROP COLUMN IF EXISTS linkedin_url;
