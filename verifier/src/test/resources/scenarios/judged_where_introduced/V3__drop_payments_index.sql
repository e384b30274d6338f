-- Uncovers payments' key to orders: this revision made that state.
DROP INDEX ix_payments_order_id;
