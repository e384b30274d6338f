-- Drops the schema Flyway keeps its history in (flyway.schemas=app): Flyway forgets what is applied.
DROP SCHEMA app CASCADE;
