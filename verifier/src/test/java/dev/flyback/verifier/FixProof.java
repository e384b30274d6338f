package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.FlywaySettings;

/**
 * Proves a finding's fix: applies the SQL its fix text gives to the script the fix text names, runs the proof again
 * on the changed copy of the scenario, and expects the finding gone.
 */
final class FixProof {
    private FixProof() {
    }

    /**
     * Runs {@code scenario} (a folder of scripts) with {@code checks}, finds the one finding of {@code rule} at
     * {@code version}, applies its fix in a copy under {@code work}, runs again and returns the findings of that run.
     * The fix must read {@code add to <script>} (or {@code start <script> with:}), then the SQL.
     */
    static List<Finding> apply(Path scenario, Path work, Set<Check> checks, String rule, String version) {
        copy(scenario, work);
        Finding finding = only(verify(work, checks), rule, version);
        String fix = finding.fix().orElseThrow();
        String[] lines = fix.split("\n", 2);
        String target;
        String sql;
        boolean first;
        if (lines[0].startsWith("add to ")) {
            target = lines[0].substring("add to ".length()).strip();
            sql = lines[1].strip();
            first = false;
        } else if (lines[0].startsWith("start ") && lines[0].contains(" with: ")) {
            target = lines[0].substring("start ".length(), lines[0].indexOf(" with: "));
            sql = lines[0].substring(lines[0].indexOf(" with: ") + " with: ".length()).strip();
            first = true;
        } else {
            throw new AssertionError("Not a fix Flyback can apply: " + fix);
        }
        Path script = work.resolve(target);
        then(script).as("the script the fix names").exists();
        try {
            String text = Files.readString(script);
            Files.writeString(script, first ? sql + "\n" + text : text + "\n" + sql + "\n",
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verify(work, checks);
    }

    static List<Finding> verify(Path folder, Set<Check> checks) {
        return Scenarios.verify(FlywaySettings.of("filesystem:" + folder), EnumSet.copyOf(checks), false)
                .findings();
    }

    static Finding only(List<Finding> findings, String rule, String version) {
        List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule) && f.version().equals(version))
                .toList();
        then(matching).as("%s at %s in %s", rule, version, findings).hasSize(1);
        return matching.get(0);
    }

    static Optional<Finding> find(List<Finding> findings, String rule, String version) {
        return findings.stream().filter(f -> f.rule().equals(rule) && f.version().equals(version)).findFirst();
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
