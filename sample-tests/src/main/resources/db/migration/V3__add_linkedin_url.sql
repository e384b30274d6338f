ALTER TABLE team_members ADD COLUMN linkedin_url varchar(500);
