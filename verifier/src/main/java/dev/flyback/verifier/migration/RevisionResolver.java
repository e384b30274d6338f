package dev.flyback.verifier.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Which revisions a configuration's locations hold, as Flyway resolves them, and the undo each has: a {@code U}
 * script of the same version, or a Java migration that implements {@link ReversibleMigration} (issue 16: one of the
 * pieces {@link Migrations} is split into).
 */
final class RevisionResolver {

    private RevisionResolver() {
    }

    /**
     * The versioned revisions in the order Flyway applies them, each with its undo, and the undo scripts without a
     * migration.
     */
    static Resolved resolve(FluentConfiguration base) {
        Map<String, Revision.Undo> undos = undoScripts(base);
        List<Revision> revisions = readRevisions(base, undos);
        Set<String> versions = new HashSet<>();
        revisions.forEach(r -> versions.add(r.version()));
        return new Resolved(revisions, undos.entrySet().stream().filter(e -> !versions.contains(e.getKey()))
                .map(e -> e.getValue().script()).toList());
    }

    /** What {@link #resolve} found. */
    record Resolved(List<Revision> revisions, List<String> orphanUndos) {
    }

    private static List<Revision> readRevisions(FluentConfiguration base, Map<String, Revision.Undo> undos) {
        List<Revision> result = new ArrayList<>();
        for (MigrationInfo info : Flyway.configure(base.getClassLoader()).configuration(base).load().info().all()) {
            if (info.getVersion() == null) {
                continue;
            }
            String version = info.getVersion().getVersion();
            boolean java = !info.getType().name().startsWith("SQL");
            Optional<Revision.Undo> undo = java
                    ? javaUndo(base, info.getScript())
                    : Optional.ofNullable(undos.get(version));
            result.add(new Revision(version, info.getDescription(), info.getScript(), file(info), java, undo,
                    Optional.ofNullable(info.getChecksum())));
        }
        return List.copyOf(result);
    }

    private static Optional<Revision.Undo> javaUndo(FluentConfiguration base, String className) {
        try {
            Class<?> type = Class.forName(className, false, base.getClassLoader());
            return ReversibleMigration.class.isAssignableFrom(type)
                    ? Optional.of(new Revision.Undo(className + "#down", Optional.empty(), true))
                    : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Revision.Undo> undoScripts(FluentConfiguration base) {
        Map<String, Revision.Undo> undos = new LinkedHashMap<>();
        Flyway undoFlyway = Flyway.configure(base.getClassLoader()).configuration(base).sqlMigrationPrefix("U")
                .table(Migrations.UNDO_HISTORY_TABLE).javaMigrationClassProvider(noJavaMigrations())
                .validateMigrationNaming(false).load();
        for (MigrationInfo info : undoFlyway.info().all()) {
            if (info.getVersion() != null && info.getType().name().startsWith("SQL")) {
                undos.put(info.getVersion().getVersion(), new Revision.Undo(info.getScript(), file(info), false));
            }
        }
        return undos;
    }

    static Optional<Path> file(MigrationInfo info) {
        String location = info.getPhysicalLocation();
        if (location == null || location.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(location);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** A class provider with no Java migration: undo runs and direct steps read scripts only. */
    static ClassProvider<JavaMigration> noJavaMigrations() {
        return new ClassProvider<>() {
            @Override
            public Collection<Class<? extends JavaMigration>> getClasses() {
                return List.of();
            }
        };
    }
}
