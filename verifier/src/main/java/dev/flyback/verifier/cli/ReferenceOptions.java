package dev.flyback.verifier.cli;

import java.util.Optional;

import dev.flyback.verifier.database.Secret;
import dev.flyback.verifier.history.HistorySource;

import picocli.CommandLine.Option;

/** What is released, for the history check and for heads and conflicts. */
final class ReferenceOptions {

    @Option(names = "--reference-history", paramLabel = "SOURCE", defaultValue = "${FLYBACK_REFERENCE_HISTORY}",
            description = "What is released: git:<ref> (e.g. git:origin/main) or the jdbc:postgresql:// URL of a "
                    + "database Flyway migrated, read read-only (env FLYBACK_REFERENCE_HISTORY).")
    String referenceHistory;

    @Option(names = "--reference-user", defaultValue = "${FLYBACK_REFERENCE_USER}",
            description = "User for a --reference-history URL (env FLYBACK_REFERENCE_USER).")
    String referenceUser;

    @Option(names = "--reference-password", defaultValue = "${FLYBACK_REFERENCE_PASSWORD}", arity = "0..1",
            interactive = true,
            description = "Password for a --reference-history URL (env FLYBACK_REFERENCE_PASSWORD); never printed.")
    String referencePassword;

    /** The reference, when one is named. */
    Optional<HistorySource> source() {
        return Optional.ofNullable(referenceHistory).filter(r -> !r.isBlank())
                .map(r -> HistorySource.parse(r, Optional.ofNullable(referenceUser),
                        Optional.ofNullable(referencePassword).map(Secret::of)));
    }
}
