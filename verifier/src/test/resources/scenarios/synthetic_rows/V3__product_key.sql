-- Real orders name real products: the foreign key holds on data like production's.
ALTER TABLE orders ADD CONSTRAINT fk_orders_product FOREIGN KEY (product_id) REFERENCES products;
