DROP TABLE orders, products, customers;
