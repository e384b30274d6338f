package dev.flyback.verifier.finding;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.apiguardian.api.API;

/**
 * A problem Flyback found, with everything needed to fix it. Render it with {@link FindingMessages#render(Finding)}.
 *
 * @param rule the stable rule id ({@code LEFTOVER_INDEX}, {@code UNDO_FAILED})
 * @param type the kind of finding
 * @param severity how bad it is
 * @param version the migration version it concerns
 * @param migration the migration's name ({@code V3__add_linkedin_url})
 * @param file the script where the fix goes or the problem is, by name
 * @param line the line in {@code file}, when known
 * @param object the schema object's qualified name, when it concerns one
 * @param summary the problem in one line
 * @param expected the state expected (before the revision), when it applies
 * @param actual the state found, when it applies
 * @param fix what to do, as SQL where possible
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Finding(String rule, FindingType type, Severity severity, String version, String migration,
                      Optional<String> file, Optional<Integer> line, Optional<String> object, String summary,
                      Optional<String> expected, Optional<String> actual, Optional<String> fix) {

    public Finding {
        requireNonNull(rule, "rule must not be null");
        requireNonNull(type, "type must not be null");
        requireNonNull(severity, "severity must not be null");
        requireNonNull(version, "version must not be null");
        requireNonNull(migration, "migration must not be null");
        requireNonNull(file, "file must not be null");
        requireNonNull(line, "line must not be null");
        requireNonNull(object, "object must not be null");
        requireNonNull(summary, "summary must not be null");
        requireNonNull(expected, "expected must not be null");
        requireNonNull(actual, "actual must not be null");
        requireNonNull(fix, "fix must not be null");
    }

    /** The same finding with another severity. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, type, newSeverity, version, migration, file, line, object, summary, expected, actual,
                fix);
    }
}
