package dev.flyback.verifier.database;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A PostgreSQL container started with Testcontainers and labelled as Flyback's. */
final class ContainerServer implements PostgresServer {
    /** The label every container of Flyback's carries, so a later run can find what a killed one left. */
    static final String LABEL = "dev.flyback.disposable";

    private final PostgreSQLContainer container;
    private final ConnectionInfo admin;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
        this.admin = new ConnectionInfo(container.getJdbcUrl(), container.getUsername(),
                Secret.of(container.getPassword()));
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ContainerServer start(String image) {
        if (!dockerAvailable()) {
            throw new DatabaseStartException("The testcontainers database provider needs a Docker engine, and none "
                    + "answered. Start Docker, or use --database embedded (flyback.database=embedded).");
        }
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer container = new PostgreSQLContainer(name)
                .withDatabaseName("postgres")
                .withLabel(LABEL, "true")
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
