DROP TABLE app.u;
