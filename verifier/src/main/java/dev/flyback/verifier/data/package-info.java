/**
 * Seeded rows, for the dynamic data-loss check: {@link dev.flyback.verifier.data.DataSeeder} fills every table of
 * the schema before a revision with synthetic rows that satisfy its types, NOT NULL and foreign keys (or runs the
 * user's fixture), and {@link dev.flyback.verifier.data.DataFingerprint} records row counts and per-column
 * checksums, so that the check compares data without ever copying it into a report.
 */
package dev.flyback.verifier.data;
