package dev.flyback.verifier.finding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * A text file of known findings, one {@code RULE VERSION OBJECT} line each (like ArchUnit's frozen rules), so that
 * CI fails only on new ones. Volatile details (messages, lines, timings) are left out so the file stays stable.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Baseline {
    private final Set<String> known;

    private Baseline(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    /** The line that identifies a finding in a baseline. */
    public static String key(Finding finding) {
        return finding.rule() + " " + finding.version() + " " + finding.object().orElse("-");
    }

    /** Reads a baseline file; blank lines and {@code #} comments are ignored. */
    public static Baseline read(Path file) {
        try {
            return new Baseline(Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the baseline " + file, e);
        }
    }

    /** Writes the findings as a new baseline. */
    public static void write(Path file, Collection<Finding> findings) {
        Set<String> lines = new LinkedHashSet<>();
        lines.add("# Flyback baseline: known findings, one 'RULE VERSION OBJECT' per line. Delete a line once fixed.");
        findings.forEach(f -> lines.add(key(f)));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the baseline " + file, e);
        }
    }

    /** Whether the finding is known. */
    public boolean contains(Finding finding) {
        return known.contains(key(finding));
    }
}
