package dev.flyback.maven;

import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.model.ModelDrift;
import dev.flyback.verifier.model.NewRevision;
import dev.flyback.verifier.model.TargetModel;

/**
 * Checks that the migrations at their head give the schema the project's JPA entities (or a schema file) describe
 * ({@code mvn compile flyback:model -Dflyback.targetEntities=com.example.model}), on disposable databases, the
 * project's own classes and dependencies on the class path; fails with what differs and the statements that would
 * close the gap. With {@code -Dflyback.message="add tags"} it writes them instead, as the next {@code V} script and
 * its {@code U}, in the first filesystem location ({@code flyback:verify} then proves them).
 */
@Mojo(name = "model", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ModelMojo extends AbstractFlybackMojo {

    /** The packages of the JPA entities that describe the schema (and their sub-packages). */
    @Parameter(property = "flyback.targetEntities")
    private List<String> targetEntities = new ArrayList<>();

    /** Or: a SQL file that creates the whole schema as it should be. */
    @Parameter(property = "flyback.targetSchema")
    private File targetSchema;

    /** What the new revision does: when set, the revision that closes the gap is written instead of failing. */
    @Parameter(property = "flyback.message")
    private String message;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        if (targetEntities.isEmpty() == (targetSchema == null)) {
            throw new MojoExecutionException("Flyback: name one target: flyback.targetEntities (packages of JPA "
                    + "entities) or flyback.targetSchema (a SQL file)");
        }
        TargetModel target = targetSchema != null ? TargetModel.schemaFile(targetSchema.toPath())
                : TargetModel.entities(targetEntities);
        try (URLClassLoader classLoader = projectClassLoader()) {
            ModelDrift drift = ModelDrift.measure(flywaySettings(), databaseSettings(), classLoader, target);
            if (drift.matches()) {
                getLog().info("The migrations at " + drift.head().map(v -> "V" + v).orElse("an empty history")
                        + " give " + target.describe());
                return;
            }
            if (message == null || message.isBlank()) {
                throw new MojoFailureException(drift.report("mvn compile flyback:model -Dflyback.message=\"...\" "
                        + "writes it with its undo; flyback:verify proves both"));
            }
            Path folder = Migrations.folders(flywaySettings(), classLoader).stream().findFirst()
                    .orElseThrow(() -> new MojoExecutionException("Flyback: flyback.message needs a filesystem: "
                            + "location to write to (flyback.locations)"));
            NewRevision pair = NewRevision.closing(drift, message, folder);
            pair.write();
            getLog().info("Wrote " + pair.up() + " (" + drift.upgrade().size() + " statement(s)) and "
                    + pair.down().getFileName() + "; review them, then run flyback:verify");
            drift.changes().forEach(line -> getLog().info("  " + line));
            drift.upgradeNotes().forEach(note -> getLog().warn("Decide before you commit: " + note));
        } catch (MigrationException e) {
            throw new MojoFailureException("Flyback: " + e.failure().script() + e.failure().line()
                    .map(l -> " line " + l).orElse("") + ": " + e.failure().message(), e);
        } catch (MigrationConfigurationException | DatabaseStartException | IllegalArgumentException e) {
            throw new MojoExecutionException("Flyback: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Flyback could not write the revision or close the project's class "
                    + "loader: " + e.getMessage(), e);
        }
    }
}
