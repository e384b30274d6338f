package dev.flyback.verifier.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses and starts the server for a {@link DatabaseSettings}. */
final class Servers {
    private static final Logger LOG = LoggerFactory.getLogger(Servers.class);

    private Servers() {
    }

    static PostgresServer start(DatabaseSettings settings) {
        return ShutdownGuard.guard(startUnguarded(settings));
    }

    private static PostgresServer startUnguarded(DatabaseSettings settings) {
        switch (settings.provider()) {
            case EMBEDDED:
                return EmbeddedServer.start(settings.postgresMajor());
            case TESTCONTAINERS:
                return ContainerServer.start(settings.image());
            case EXTERNAL:
                return ExternalServer.connect(settings);
            case AUTO:
                java.util.Optional<ContainerServer.Unusable> unusable = ContainerServer.unusable();
                if (unusable.isEmpty()) {
                    return ContainerServer.startChecked(settings.image());
                }
                if (unusable.get().reaper().isPresent()) {
                    LOG.warn("Testcontainers cannot start its resource reaper: its image {}; using the embedded "
                            + "PostgreSQL {} (with TESTCONTAINERS_RYUK_DISABLED=true, --database auto uses Docker)",
                            unusable.get().reaper().get(), settings.postgresMajor());
                } else {
                    LOG.info("No Docker engine answered; using the embedded PostgreSQL {}", settings.postgresMajor());
                }
                return EmbeddedServer.start(settings.postgresMajor());
            default:
                throw new IllegalStateException("Unhandled provider " + settings.provider());
        }
    }
}
