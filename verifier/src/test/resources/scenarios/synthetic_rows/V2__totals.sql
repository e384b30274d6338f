-- A correct data migration on ordinary values: the product of two integers fits an integer.
ALTER TABLE orders ADD COLUMN total_cents integer;
UPDATE orders SET total_cents = quantity * unit_price_cents;
