package dev.flyback.verifier.history;

import java.util.Optional;

/**
 * One migration of the reference history.
 *
 * @param version its version as Flyway prints it
 * @param script its script name
 * @param checksum Flyway's checksum, when it has one
 * @param baseline whether it is a baseline marker rather than a migration
 */
record Released(String version, String script, Optional<Integer> checksum, boolean baseline) {
}
