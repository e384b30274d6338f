-- Leaves the copied rows: applying V2 again fails on their keys.
SELECT 1;
