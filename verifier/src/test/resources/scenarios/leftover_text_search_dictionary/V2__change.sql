CREATE TEXT SEARCH DICTIONARY english_names (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION names (PARSER = pg_catalog.default);
ALTER TEXT SEARCH CONFIGURATION names ADD MAPPING FOR asciiword, word WITH english_names;
