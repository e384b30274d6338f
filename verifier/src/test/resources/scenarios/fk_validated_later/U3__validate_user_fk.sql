SELECT 1; -- a validated constraint cannot be made NOT VALID again, and need not be
