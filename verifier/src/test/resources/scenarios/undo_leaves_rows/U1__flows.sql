DROP TABLE flow_methods;
DROP TABLE flows;
