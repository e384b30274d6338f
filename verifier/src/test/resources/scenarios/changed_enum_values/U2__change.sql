-- enum values cannot be dropped; this undo forgets that
SELECT 1;
