DROP TRIGGER trg_lower_email ON users;
