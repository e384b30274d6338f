package dev.flyback.maven;

import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import dev.flyback.verifier.SchemaAtRevision;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.report.SchemaReport;

/**
 * Writes the schema at a revision as JSON ({@code mvn flyback:snapshot -Dflyback.revision=3}), for committing golden
 * files: the same JSON as {@code flyback snapshot}.
 */
@Mojo(name = "snapshot", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class SnapshotMojo extends AbstractFlybackMojo {

    /** The version, {@code base} (before the first revision) or {@code head} (the latest). */
    @Parameter(property = "flyback.revision", defaultValue = SchemaAtRevision.HEAD)
    private String revision;

    /** Where the JSON goes. Default: {@code target/flyback/schema-<revision>.json}. */
    @Parameter(property = "flyback.snapshotFile")
    private File snapshotFile;

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped()) {
            return;
        }
        try (URLClassLoader classLoader = projectClassLoader()) {
            String json = SchemaReport.snapshotJson(revision, SchemaAtRevision.snapshot(flywaySettings(),
                    databaseSettings(), classLoader, revision));
            Path file = snapshotFile != null ? snapshotFile.toPath()
                    : Path.of(project.getBuild().getDirectory(), "flyback", "schema-" + revision + ".json");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
            getLog().info("Wrote the schema at " + revision + " to " + file);
        } catch (MigrationException | MigrationConfigurationException | DatabaseStartException
                 | IllegalArgumentException e) {
            throw new MojoExecutionException("Flyback: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Flyback could not write the schema: " + e.getMessage(), e);
        }
    }
}
