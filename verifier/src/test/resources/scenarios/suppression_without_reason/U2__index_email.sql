SELECT 1;
-- flyback:allow LEFTOVER_INDEX
