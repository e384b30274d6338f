DELETE FROM orders WHERE id % 2 = 0;
