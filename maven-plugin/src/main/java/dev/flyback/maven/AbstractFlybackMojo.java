package dev.flyback.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.flyback.verifier.database.DatabaseProvider;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.Secret;
import dev.flyback.verifier.migration.FlywayLogs;
import dev.flyback.verifier.migration.FlywaySettings;

/** What every Flyback goal takes: where the migrations and settings are, and which database to use. */
abstract class AbstractFlybackMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the proof. */
    @Parameter(property = "flyback.skip", defaultValue = "false")
    protected boolean skip;

    /** Flyway locations ({@code filesystem:src/main/resources/db/migration}, {@code classpath:db/migration}). */
    @Parameter(property = "flyback.locations")
    protected List<String> locations = new ArrayList<>();

    /** Configuration files to read instead of the project's own ({@code flyway.toml}, {@code flyway.conf}, ...). */
    @Parameter(property = "flyback.configFiles")
    protected List<File> configFiles = new ArrayList<>();

    /** The {@code [environments.<name>]} of {@code flyway.toml} to use. */
    @Parameter(property = "flyback.environment")
    protected String environment;

    /** Spring profiles whose {@code application-<profile>} files apply. */
    @Parameter(property = "flyback.springProfiles")
    protected List<String> springProfiles = new ArrayList<>();

    /** Flyway properties by their {@code flyway.*} keys; they win over every other source. */
    @Parameter
    protected Map<String, String> flywayProperties = new LinkedHashMap<>();

    /** {@code embedded}, {@code testcontainers}, {@code external} or {@code auto}. */
    @Parameter(property = "flyback.database", defaultValue = "embedded")
    protected String database;

    /** The PostgreSQL major, 14 to 18. */
    @Parameter(property = "flyback.postgresVersion", defaultValue = "17")
    protected int postgresVersion;

    /** The container image for {@code testcontainers}. */
    @Parameter(property = "flyback.image", defaultValue = DatabaseSettings.DEFAULT_IMAGE)
    protected String image;

    /** The JDBC URL of a server for {@code external}: Flyback creates a scratch database there and drops it. */
    @Parameter(property = "flyback.url")
    protected String url;

    /** The user for {@code external}. */
    @Parameter(property = "flyback.user")
    protected String user;

    /** The password for {@code external}; never printed. */
    @Parameter(property = "flyback.password")
    protected String password;

    /** Also log Flyway's and the database's own output. */
    @Parameter(property = "flyback.verbose", defaultValue = "false")
    protected boolean verbose;

    /** Quiets the libraries' logs unless {@code verbose}; true when the goal is skipped. */
    final boolean skipped() {
        if (skip) {
            getLog().info("Flyback skipped (flyback.skip)");
            return true;
        }
        if (verbose) {
            System.setProperty(FlywayLogs.PROPERTY, "verbose");
        } else {
            quietLibraries();
        }
        return false;
    }

    /** The Flyway settings: this goal's, then the pom's, then the project's files (see FlywayPluginSettings). */
    final FlywaySettings flywaySettings() {
        Path basedir = project.getBasedir().toPath();
        Map<String, String> flyway = FlywayPluginSettings.read(project, session.getUserProperties());
        flyway.putAll(flywayProperties);
        List<String> explicit = locations.stream().map(l -> FlywayPluginSettings.resolve(l, basedir))
                .filter(l -> !l.isEmpty()).toList();
        return new FlywaySettings(explicit, flyway, configFiles.stream().map(File::toPath).toList(), true,
                Optional.ofNullable(environment).filter(e -> !e.isBlank()), springProfiles, basedir);
    }

    final DatabaseSettings databaseSettings() throws MojoExecutionException {
        return option(() -> new DatabaseSettings(DatabaseProvider.parse(database), postgresVersion, image,
                Optional.ofNullable(url).filter(u -> !u.isBlank()), Optional.ofNullable(user),
                Optional.ofNullable(password).map(Secret::of)), "database (flyback.database, flyback.postgresVersion, "
                + "flyback.url)");
    }

    /** The project's classes and runtime dependencies: Java migrations and {@code classpath:} locations. */
    final URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Flyback could not read the project's class path: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    /**
     * Maven's logger prints INFO; the embedded server's start-up, its PostgreSQL log and Testcontainers' chatter
     * filled a failing build with 30 lines before the findings. Maven's SLF4J provider reads a logger's level from
     * these system properties when the logger is created, which is after this point for the libraries Flyback loads.
     * A level the user set is kept.
     */
    private static void quietLibraries() {
        for (String logger : List.of("io.zonky", "org.testcontainers", "tc", "com.github.dockerjava", "schemacrawler",
                "us.fatehi")) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "warn");
            }
        }
    }

    interface Parse<T> {
        T get();
    }

    static <T> T option(Parse<T> parse, String parameter) throws MojoExecutionException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Flyback: invalid " + parameter + ": " + e.getMessage());
        }
    }
}
