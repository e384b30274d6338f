package dev.flyback.verifier.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;

/**
 * Compares the local migrations with a reference history: OUT_OF_ORDER, CHECKSUM_CHANGED and
 * RELEASED_MIGRATION_MISSING. Versions at or below a baseline of the reference are Flyway's business and ignored.
 *
 * @since 0.2
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class HistoryChecks {
    private static final Comparator<String> VERSIONS = HistoryChecks::compareVersions;

    private HistoryChecks() {
    }

    /**
     * The findings about the local migrations against the reference.
     *
     * @throws IllegalArgumentException when the reference cannot be read (no git, an unknown ref, no history table)
     * @throws dev.flyback.verifier.database.DatabaseStartException when the reference database cannot be reached
     */
    public static List<Finding> run(HistorySource source, Migrations migrations) {
        List<Released> released = source instanceof HistorySource.Git git
                ? GitHistory.read(git.ref(), migrations)
                : AppliedHistory.read((HistorySource.Database) source, migrations.historyTable());
        return compare(source.describe(), migrations.revisions(), released);
    }

    /**
     * The versions a reference history holds, in Flyway's order (baselines included).
     *
     * @throws IllegalArgumentException when the reference cannot be read
     */
    public static List<String> releasedVersions(HistorySource source, Migrations migrations) {
        List<Released> released = source instanceof HistorySource.Git git
                ? GitHistory.read(git.ref(), migrations)
                : AppliedHistory.read((HistorySource.Database) source, migrations.historyTable());
        return released.stream().map(Released::version).distinct().sorted(VERSIONS).toList();
    }

    /** Flyway's order of versions. */
    public static Comparator<String> versionOrder() {
        return VERSIONS;
    }

    /**
     * The versions the migration folders held at a git reference: what {@code --since} leaves unjudged.
     *
     * @throws IllegalArgumentException when git or the reference is not there
     */
    public static Set<String> versionsAt(String gitRef, Migrations migrations) {
        Set<String> versions = new HashSet<>();
        GitHistory.read(gitRef, migrations).forEach(r -> versions.add(r.version()));
        return versions;
    }

    static List<Finding> compare(String source, List<Revision> local, List<Released> released) {
        Map<String, Released> byVersion = new LinkedHashMap<>();
        released.forEach(r -> byVersion.putIfAbsent(r.version(), r));
        Optional<String> latest = released.stream().map(Released::version).max(VERSIONS);
        Optional<String> baseline = released.stream().filter(Released::baseline).map(Released::version)
                .max(VERSIONS);
        List<Finding> findings = new ArrayList<>();
        Set<String> localVersions = new HashSet<>();
        for (Revision revision : local) {
            localVersions.add(revision.version());
            if (baseline.isPresent() && VERSIONS.compare(revision.version(), baseline.get()) <= 0) {
                continue;
            }
            Released reference = byVersion.get(revision.version());
            if (reference == null && latest.isPresent() && VERSIONS.compare(revision.version(), latest.get()) < 0) {
                findings.add(FindingMessages.historyRule(FindingType.OUT_OF_ORDER, revision.version(),
                        revision.displayName(), Optional.of(revision.script()), revision.script() + " is not in "
                                + source + " and sorts below V" + latest.get() + ", the latest version there: Flyway "
                                + "refuses it there unless outOfOrder=true, and then applies it after V"
                                + latest.get(), "a version above " + latest.get(), revision.version(),
                        "renumber it above V" + latest.get() + " (rename " + revision.script()
                                + " and its undo script): another branch released migrations in the meantime"));
            } else if (reference != null && !reference.baseline() && reference.checksum().isPresent()
                    && revision.checksum().isPresent() && !reference.checksum().equals(revision.checksum())) {
                findings.add(FindingMessages.historyRule(FindingType.CHECKSUM_CHANGED, revision.version(),
                        revision.displayName(), Optional.of(revision.script()), revision.script() + " was edited "
                                + "after it was released: its checksum differs from " + source,
                        "checksum " + reference.checksum().get(), "checksum " + revision.checksum().get(),
                        "revert the edit and make the change in a new migration: Flyway never runs an applied "
                                + "migration again, and its validate fails on the changed checksum"));
            }
        }
        for (Released reference : byVersion.values()) {
            if (!reference.baseline() && !localVersions.contains(reference.version())) {
                String name = reference.script().replaceFirst("\\.sql$", "");
                findings.add(FindingMessages.historyRule(FindingType.RELEASED_MIGRATION_MISSING, reference.version(),
                        name, Optional.of(reference.script()), reference.script() + " is in " + source
                                + " but not here", reference.script(), "<absent>", "restore " + reference.script()
                                + " from " + source + ": a released migration must stay, or Flyway's validate "
                                + "fails there"));
            }
        }
        return findings;
    }

    /** Flyway's order: dot-separated parts compared as numbers, a missing part below any number. */
    static int compareVersions(String left, String right) {
        String[] a = left.split("[._]");
        String[] b = right.split("[._]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            BigInteger x = i < a.length ? new BigInteger(a[i]) : BigInteger.valueOf(-1);
            BigInteger y = i < b.length ? new BigInteger(b[i]) : BigInteger.valueOf(-1);
            int compared = x.compareTo(y);
            if (compared != 0) {
                return compared;
            }
        }
        return 0;
    }
}
