-- Whether any of the functions named by the parameter (a comma-separated list of names) is volatile: a default
-- calling one is computed for every row.
SELECT 1 FROM pg_proc WHERE proname = ANY (string_to_array(?, ',')) AND provolatile = 'v' LIMIT 1
