package dev.flyback.verifier.database;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;

/** A PostgreSQL container started with Testcontainers and labelled as Flyback's. */
final class ContainerServer implements PostgresServer {
    /** The label every container of Flyback's carries, so a later run can find what a killed one left. */
    static final String LABEL = "dev.flyback.disposable";
    /** Which JVM on which host started it: {@code host:pid}. */
    static final String OWNER = "dev.flyback.owner";
    /**
     * The starting JVM's temporary directory, where its embedded servers live too: a CI run that gives its build a
     * directory of its own checks by it that the build left no container, whatever another build on the host runs.
     */
    static final String TEMPORARY_DIRECTORY = "dev.flyback.tmpdir";

    private final PostgreSQLContainer container;
    private final ConnectionInfo admin;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
        this.admin = new ConnectionInfo(container.getJdbcUrl(), container.getUsername(),
                Secret.of(container.getPassword()));
    }

    /**
     * Why Testcontainers cannot start a container here, said to a user who asked for it.
     *
     * @param reaper when an engine answers but the reaper's image cannot be had: why ({@link #reaperImageMissing})
     */
    record Unusable(java.util.Optional<String> reaper, String message) {
    }

    private static final Unusable NO_ENGINE = new Unusable(java.util.Optional.empty(), "The testcontainers database "
            + "provider needs a Docker engine, and none answered. Start Docker, or use --database embedded "
            + "(flyback.database=embedded).");

    /** Why no container can be started here, or empty when one can. */
    static java.util.Optional<Unusable> unusable() {
        if (!dockerConfigured()) {
            // Testcontainers' own probe logs an ERROR of a dozen lines when no engine is configured at all; a
            // machine without Docker is ordinary (the embedded provider is the default), so it is not asked
            return java.util.Optional.of(NO_ENGINE);
        }
        // Asked before Testcontainers' own probe, which starts the reaper and retries pulling its image for two
        // minutes where no registry answers.
        java.util.Optional<String> reaper = reaperImageMissing();
        if (reaper.isPresent()) {
            return java.util.Optional.of(new Unusable(reaper, "Testcontainers starts its resource reaper before any "
                    + "container, and its image " + reaper.get() + ". Pull it where a registry answers (docker pull "
                    + reaperImage() + "), or run with TESTCONTAINERS_RYUK_DISABLED=true: Flyback removes its own "
                    + "containers (label " + LABEL + "), on exit and at the next start after a killed run. Or use "
                    + "--database embedded."));
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? java.util.Optional.empty()
                    : java.util.Optional.of(NO_ENGINE);
        } catch (RuntimeException e) {
            return java.util.Optional.of(NO_ENGINE);
        }
    }

    static boolean dockerAvailable() {
        return unusable().isEmpty();
    }

    /**
     * Why the image of Testcontainers' resource reaper (Ryuk) is neither on the engine nor can be pulled, when the
     * reaper is on; empty when it is there, was pulled now, or the engine cannot be asked (the check after this one
     * says so). Without it, Testcontainers' first use of the engine retried the pull for two minutes, each try logged
     * as an ERROR with a stack trace, and then said that no Docker engine answered (seen on an engine whose registry
     * is out of reach, as in this project's CI).
     */
    static java.util.Optional<String> reaperImageMissing() {
        if (Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            return java.util.Optional.empty();
        }
        String image = reaperImage();
        DockerClient docker;
        try {
            docker = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance()
                    .getTransportConfig());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        try {
            docker.inspectImageCmd(image).exec();
            return java.util.Optional.empty();
        } catch (NotFoundException e) {
            // Not on the engine: try one pull below.
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        QuietPull pull = new QuietPull();
        try {
            docker.pullImageCmd(image).exec(pull).awaitCompletion(REAPER_PULL_SECONDS, TimeUnit.SECONDS);
            docker.inspectImageCmd(image).exec();
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of(image + " could not be pulled (interrupted)");
        } catch (RuntimeException e) {
            String reason = String.valueOf(pull.failure != null ? pull.failure.getMessage() : e.getMessage()).strip();
            return java.util.Optional.of(image + " is not on this Docker engine and could not be pulled within "
                    + REAPER_PULL_SECONDS + " s: " + reason);
        } finally {
            try {
                pull.close();
            } catch (java.io.IOException e) {
                // The pull's stream is gone either way.
            }
        }
    }

    /**
     * The reaper's image, after the user's image substitutions: the one Testcontainers 2.0.5 starts (its
     * {@code RyukContainer}, which is not public, names it; to be checked when Testcontainers is upgraded).
     */
    static String reaperImage() {
        return ImageNameSubstitutor.instance().apply(DockerImageName.parse("testcontainers/ryuk:0.14.0"))
                .asCanonicalNameString();
    }

    /** How long one pull of the reaper's image may take before Flyback says why it cannot start. */
    private static final int REAPER_PULL_SECONDS = 30;

    /** A pull that keeps its failure for the message instead of logging it with a stack trace. */
    private static final class QuietPull extends ResultCallback.Adapter<PullResponseItem> {
        private volatile Throwable failure;

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            try {
                close();
            } catch (java.io.IOException e) {
                // Closing a failed pull's stream.
            }
        }

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null) {
                failure = new IllegalStateException(item.getErrorDetail().getMessage());
            }
        }
    }

    /**
     * Whether anything points at a Docker engine: {@code DOCKER_HOST}, a Testcontainers configuration file, or a
     * socket where engines put theirs (Docker, rootless Docker, Colima, Podman).
     */
    private static boolean dockerConfigured() {
        if (System.getenv("DOCKER_HOST") != null || System.getProperty("docker.host") != null) {
            return true;
        }
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"));
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<java.nio.file.Path> sockets = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of("/var/run/docker.sock"), java.nio.file.Path.of("/run/docker.sock"),
                home.resolve(".testcontainers.properties"), home.resolve(".docker/run/docker.sock"),
                home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
        if (runtime != null) {
            sockets.add(java.nio.file.Path.of(runtime, "docker.sock"));
            sockets.add(java.nio.file.Path.of(runtime, "podman", "podman.sock"));
        }
        return System.getProperty("os.name", "").startsWith("Windows")
                || sockets.stream().anyMatch(java.nio.file.Files::exists);
    }

    static ContainerServer start(String image) {
        unusable().ifPresent(why -> {
            throw new DatabaseStartException(why.message());
        });
        return startChecked(image);
    }

    /** Starts a container once {@link #unusable} found nothing in the way. */
    static ContainerServer startChecked(String image) {
        removeStale();
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer container = new PostgreSQLContainer(name)
                .withDatabaseName("postgres")
                .withLabel(LABEL, "true")
                .withLabel(OWNER, host() + ":" + ProcessHandle.current().pid())
                .withLabel(TEMPORARY_DIRECTORY, System.getProperty("java.io.tmpdir"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off");
        try {
            container.start();
            return new ContainerServer(container);
        } catch (RuntimeException e) {
            container.stop();
            throw new DatabaseStartException("Could not start a PostgreSQL container from image '" + image + "': "
                    + e.getMessage() + ". Check that the image exists locally or can be pulled.", e);
        }
    }

    /**
     * Removes the containers of Flyback's that a killed run on this host left behind: their owning JVM is gone, so
     * nobody will stop them (Testcontainers' own reaper may be off, as in CI here).
     */
    static void removeStale() {
        try {
            var docker = DockerClientFactory.instance().client();
            for (var container : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(java.util.Map.of(LABEL, "true")).exec()) {
                String owner = container.getLabels() == null ? null : container.getLabels().get(OWNER);
                if (owner == null || !owner.startsWith(host() + ":")) {
                    continue;
                }
                long pid = Long.parseLong(owner.substring(owner.lastIndexOf(':') + 1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
                org.slf4j.LoggerFactory.getLogger(ContainerServer.class).warn(
                        "Removed a PostgreSQL container left behind by a killed Flyback run (JVM {}): {}", pid,
                        container.getId());
            }
        } catch (RuntimeException e) {
            // Best effort: a container that cannot be listed or removed now is tried again next time.
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public ConnectionInfo admin() {
        return admin;
    }

    @Override
    public String description() {
        return "PostgreSQL container " + container.getDockerImageName() + " on port "
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
