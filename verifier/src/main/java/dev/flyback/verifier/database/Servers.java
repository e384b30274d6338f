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
                // Asked first: Testcontainers' own check of the engine starts the reaper, and retries pulling its
                // image for two minutes where no registry answers.
                java.util.Optional<String> reaper = ContainerServer.dockerConfigured()
                        ? ContainerServer.reaperImageMissing() : java.util.Optional.empty();
                if (reaper.isEmpty() && ContainerServer.dockerAvailable()) {
                    return ContainerServer.start(settings.image());
                }
                if (reaper.isPresent()) {
                    LOG.warn("Testcontainers cannot start its resource reaper: its image {}; using the embedded "
                            + "PostgreSQL {} (with TESTCONTAINERS_RYUK_DISABLED=true, --database auto uses Docker)",
                            reaper.get(), settings.postgresMajor());
                } else {
                    LOG.info("No Docker engine answered; using the embedded PostgreSQL {}", settings.postgresMajor());
                }
                return EmbeddedServer.start(settings.postgresMajor());
            default:
                throw new IllegalStateException("Unhandled provider " + settings.provider());
        }
    }
}
