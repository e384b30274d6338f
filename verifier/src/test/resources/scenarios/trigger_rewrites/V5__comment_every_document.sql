-- Updates comments, whose trigger (V4) stamps documents: the rewrite of documents is this revision's, through that
-- trigger, though no statement names documents.
UPDATE comments SET body = coalesce(body, '') || ' (edited)';
