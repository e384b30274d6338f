/**
 * History hygiene, the Flyway analogue of Alembic's heads and merges: the local migrations compared with a
 * reference history (a git reference of the same folders, or the history table of a database Flyway migrated), so
 * that a version another branch overtook, a released script edited after the fact, or a released script deleted is
 * caught before Flyway's validate fails in production.
 */
package dev.flyback.verifier.history;
