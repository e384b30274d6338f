CREATE INDEX ix_payments_order_id ON payments (order_id);
