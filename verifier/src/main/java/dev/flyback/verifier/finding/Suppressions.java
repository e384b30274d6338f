package dev.flyback.verifier.finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.migration.Revision;

/**
 * Suppressions written in the SQL itself: {@code -- flyback:allow DROPS_COLUMN the column moved to profiles in V12}
 * in a revision's up or undo script allows that rule (or {@code PREFIX_*}) for that revision. The reason is
 * required, so that review sees why.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Suppressions {
    private static final Pattern ALLOW = Pattern.compile("--\\s*flyback:allow\\b\\s*(\\S*)\\s*(.*)$");

    private final List<Allow> allows;

    private Suppressions(List<Allow> allows) {
        this.allows = List.copyOf(allows);
    }

    /**
     * Reads the suppressions of every revision's scripts.
     *
     * @throws MigrationConfigurationException naming file and line when a suppression has no rule or no reason
     */
    public static Suppressions read(List<Revision> revisions) {
        List<Allow> allows = new ArrayList<>();
        for (Revision revision : revisions) {
            read(revision.version(), revision.file(), allows);
            revision.undo().ifPresent(undo -> read(revision.version(), undo.file(), allows));
        }
        return new Suppressions(allows);
    }

    /** Whether a suppression in the finding's revision allows it. */
    public boolean allows(Finding finding) {
        return reason(finding).isPresent();
    }

    /** The reason the suppression that allows the finding gives, if one does. */
    public Optional<String> reason(Finding finding) {
        return allows.stream().filter(a -> a.version().equals(finding.version()) && a.matches(finding.rule()))
                .map(Allow::reason).findFirst();
    }

    /** How many suppressions there are. */
    public int size() {
        return allows.size();
    }

    private static void read(String version, Optional<Path> file, List<Allow> allows) {
        if (file.isEmpty()) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = ALLOW.matcher(lines.get(i));
            if (!matcher.find()) {
                continue;
            }
            if (matcher.group(1).isEmpty() || matcher.group(2).isBlank()) {
                throw new MigrationConfigurationException(file.get().getFileName() + " line " + (i + 1) + ": '"
                        + lines.get(i).strip() + "' needs a rule and a reason, e.g. "
                        + "-- flyback:allow DROPS_COLUMN the column moved to profiles in V12", null);
            }
            allows.add(new Allow(version, matcher.group(1), matcher.group(2).strip()));
        }
    }

    private record Allow(String version, String rule, String reason) {
        boolean matches(String candidate) {
            return rule.endsWith("*") ? candidate.startsWith(rule.substring(0, rule.length() - 1))
                    : rule.equals(candidate);
        }
    }
}
