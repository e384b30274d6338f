package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * One versioned migration and its way back: {@code V3__add_linkedin_url.sql} and {@code U3__add_linkedin_url.sql},
 * or a Java migration that implements {@link ReversibleMigration}.
 *
 * @param version the version as Flyway prints it ({@code 3}, {@code 1.1})
 * @param description the description ({@code add linkedin url})
 * @param script the script name ({@code V3__add_linkedin_url.sql}, or the Java class name)
 * @param file the script's file on disk, when it has one
 * @param java whether it is a Java migration
 * @param undo the undo step, when there is one
 * @param checksum Flyway's checksum of the script (none for Java migrations without one)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Revision(String version, String description, String script, Optional<Path> file, boolean java,
                       Optional<Undo> undo, Optional<Integer> checksum) {

    public Revision {
        requireNonNull(version, "version must not be null");
        requireNonNull(description, "description must not be null");
        requireNonNull(script, "script must not be null");
        requireNonNull(file, "file must not be null");
        requireNonNull(undo, "undo must not be null");
        requireNonNull(checksum, "checksum must not be null");
    }

    /** The name people use for it: {@code V3__add_linkedin_url}. */
    public String displayName() {
        String name = script.contains("/") ? script.substring(script.lastIndexOf('/') + 1) : script;
        name = name.contains(".") && name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
        return java ? name.substring(name.lastIndexOf('.') + 1) : name;
    }

    /** The undo script's name, or a word saying there is none. */
    public String undoDisplayName() {
        return undo.map(Undo::script).orElse("(no undo)");
    }

    /**
     * The way back from a revision.
     *
     * @param script the undo script name ({@code U3__add_linkedin_url.sql}) or the Java class name
     * @param file the undo script's file on disk, when it has one
     * @param java whether the way back is a Java migration's {@code down}
     */
    public record Undo(String script, Optional<Path> file, boolean java) {
        public Undo {
            requireNonNull(script, "script must not be null");
            requireNonNull(file, "file must not be null");
        }
    }
}
