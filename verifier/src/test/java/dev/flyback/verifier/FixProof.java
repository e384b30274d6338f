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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.flyback.verifier.finding.Check;
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
        edit(work, finding.fix().orElseThrow());
        return verify(work, checks);
    }

    /**
     * Does what a fix text says, in the scenario's copy: {@code add to <script>} (also after {@code if it is,} or
     * {@code re-create it:}) appends the SQL lines that follow, up to a note in brackets; {@code start <script> with:
     * <sql>} puts the SQL first; {@code leave it out of <script> (line N)} removes that line.
     */
    static void edit(Path work, String fix) {
        Matcher add = ADD.matcher(fix);
        Matcher start = START.matcher(fix);
        Matcher leave = LEAVE_OUT.matcher(fix);
        try {
            if (add.find()) {
                Path script = script(work, add.group(1));
                String sql = String.join("\n", fix.substring(add.end()).strip().lines()
                        .takeWhile(line -> !line.startsWith("(")).toList());
                Files.writeString(script, Files.readString(script) + "\n" + sql + "\n",
                        StandardOpenOption.TRUNCATE_EXISTING);
            } else if (start.find()) {
                Path script = script(work, start.group(1));
                Files.writeString(script, start.group(2).strip() + "\n" + Files.readString(script),
                        StandardOpenOption.TRUNCATE_EXISTING);
            } else if (leave.find()) {
                Path script = script(work, leave.group(1));
                List<String> lines = new java.util.ArrayList<>(Files.readAllLines(script));
                lines.remove(Integer.parseInt(leave.group(2)) - 1);
                Files.write(script, lines);
            } else {
                throw new AssertionError("Not a fix Flyback can apply: " + fix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern ADD = Pattern.compile("(?:^|, |: )add to (\\S+\\.sql)\\n");
    private static final Pattern START = Pattern.compile("(?:^|; and )start (\\S+\\.sql) with:? (SET [^;]+;)");
    private static final Pattern LEAVE_OUT = Pattern.compile("^leave it out of (\\S+\\.sql) \\(line (\\d+)\\)");

    private static Path script(Path work, String name) {
        Path script = work.resolve(name);
        then(script).as("the script the fix names").exists();
        return script;
    }

    /** Like {@link #apply(Path, Path, Set, String, String)}, for the finding of the rule about {@code object}. */
    static List<Finding> apply(Path scenario, Path work, Set<Check> checks, String rule, String version,
                               String object) {
        copy(scenario, work);
        Finding finding = verify(work, checks).stream().filter(f -> f.rule().equals(rule)
                && f.version().equals(version) && f.object().equals(java.util.Optional.of(object))).findFirst()
                .orElseThrow();
        edit(work, finding.fix().orElseThrow());
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
