INSERT INTO codes (code) VALUES ('not a code');
