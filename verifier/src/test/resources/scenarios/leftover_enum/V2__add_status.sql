CREATE TYPE user_status AS ENUM ('active', 'blocked');
ALTER TABLE users ADD COLUMN status user_status NOT NULL DEFAULT 'active';
