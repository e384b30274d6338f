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
                if (ContainerServer.dockerAvailable()) {
                    return ContainerServer.start(settings.image());
                }
                LOG.info("No Docker engine answered; using the embedded PostgreSQL {}", settings.postgresMajor());
                return EmbeddedServer.start(settings.postgresMajor());
            default:
                throw new IllegalStateException("Unhandled provider " + settings.provider());
        }
    }
}
