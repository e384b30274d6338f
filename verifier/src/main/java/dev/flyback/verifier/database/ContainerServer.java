package dev.flyback.verifier.database;

import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

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

    static boolean dockerAvailable() {
        if (!dockerConfigured()) {
            // Testcontainers' own probe logs an ERROR of a dozen lines when no engine is configured at all; a
            // machine without Docker is ordinary (the embedded provider is the default), so it is not asked
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
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
        if (!dockerAvailable()) {
            throw new DatabaseStartException("The testcontainers database provider needs a Docker engine, and none "
                    + "answered. Start Docker, or use --database embedded (flyback.database=embedded).");
        }
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
