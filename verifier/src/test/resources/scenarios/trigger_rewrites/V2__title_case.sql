-- A declared data change: the titles are rewritten, and the undo cannot know the old ones.
UPDATE documents SET title = upper(title);
UPDATE settings SET value = '' WHERE value IS NOT NULL;
