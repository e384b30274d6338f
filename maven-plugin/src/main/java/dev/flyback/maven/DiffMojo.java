package dev.flyback.maven;

import java.io.IOException;
import java.net.URLClassLoader;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import dev.flyback.verifier.SchemaAtRevision;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.report.SchemaReport;

/**
 * Logs the schema difference between two revisions ({@code mvn flyback:diff -Dflyback.from=2 -Dflyback.to=3}), as
 * {@code flyback diff} prints it; going down runs the undo scripts.
 */
@Mojo(name = "diff", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DiffMojo extends AbstractFlybackMojo {

    /** The version to compare from: a version, or {@code base}. */
    @Parameter(property = "flyback.from", defaultValue = SchemaAtRevision.BASE)
    private String from;

    /** The version to compare to: a version, {@code base} or {@code head}. */
    @Parameter(property = "flyback.to", defaultValue = SchemaAtRevision.HEAD)
    private String to;

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped()) {
            return;
        }
        try (URLClassLoader classLoader = projectClassLoader()) {
            List<SchemaDifference> differences = SchemaAtRevision.diff(flywaySettings(), databaseSettings(),
                    classLoader, from, to);
            if (differences.isEmpty()) {
                getLog().info("No difference between " + from + " and " + to);
            } else {
                SchemaReport.diffText(differences).lines().forEach(line -> getLog().info(line));
            }
        } catch (MigrationException | MigrationConfigurationException | DatabaseStartException
                 | IllegalArgumentException e) {
            throw new MojoExecutionException("Flyback: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Flyback could not close the project's class loader: " + e.getMessage(),
                    e);
        }
    }
}
