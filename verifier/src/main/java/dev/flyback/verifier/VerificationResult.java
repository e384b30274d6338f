package dev.flyback.verifier;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.finding.SuppressedFinding;
import dev.flyback.verifier.migration.Revision;

/**
 * The outcome of a verification: every revision's steps and every finding, in revision order. Each finding is held
 * once: by the revision it is about, or, when it is about no revision that ran, in {@link #historyFindings()};
 * {@link #findings()} lists them all (issue 16).
 *
 * @param database the database it ran on, for humans
 * @param revisions each revision's result, in order, with the findings about it of the checks that ran
 * @param historyFindings the findings about no revision that ran: an undo script without its migration, a released
 *                        migration whose script is gone, history findings about revisions after a failed up
 * @param currentVersion the version the database was at when the run ended
 * @param duration how long the whole run took
 * @param checks the checks that ran
 * @param profile where the time went: {@code migrate}, {@code snapshot}, {@code checks}, {@code data}
 * @param suppressed the findings a suppression comment allows, with its reason: they do not count
 * @param released the versions already released ({@code --since}, else the reference history): the rollback plan
 *                 covers the others; empty when the run was not told what is released
 * @param part for one shard of a CI matrix ({@code --shard}), what {@code flyback merge-reports} needs beyond the
 *             revisions; empty for a whole run
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VerificationResult(String database, List<RevisionResult> revisions, List<Finding> historyFindings,
                                 Optional<String> currentVersion, Duration duration, Set<Check> checks,
                                 Map<String, Duration> profile, List<SuppressedFinding> suppressed,
                                 Optional<Set<String>> released, Optional<ShardPart> part) {

    public VerificationResult {
        requireNonNull(database, "database must not be null");
        revisions = List.copyOf(revisions);
        historyFindings = List.copyOf(historyFindings);
        profile = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profile));
        requireNonNull(currentVersion, "currentVersion must not be null");
        requireNonNull(duration, "duration must not be null");
        checks = checks.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(checks));
        suppressed = List.copyOf(suppressed);
        released = released.map(Set::copyOf);
        requireNonNull(part, "part must not be null");
    }

    /** A whole run's result. */
    public VerificationResult(String database, List<RevisionResult> revisions, List<Finding> historyFindings,
                              Optional<String> currentVersion, Duration duration, Set<Check> checks,
                              Map<String, Duration> profile, List<SuppressedFinding> suppressed,
                              Optional<Set<String>> released) {
        this(database, revisions, historyFindings, currentVersion, duration, checks, profile, suppressed, released,
                Optional.empty());
    }

    /** A result whose released versions are not known. */
    public VerificationResult(String database, List<RevisionResult> revisions, List<Finding> historyFindings,
                              Optional<String> currentVersion, Duration duration, Set<Check> checks,
                              Map<String, Duration> profile, List<SuppressedFinding> suppressed) {
        this(database, revisions, historyFindings, currentVersion, duration, checks, profile, suppressed,
                Optional.empty());
    }

    /** A result without suppressed findings. */
    public VerificationResult(String database, List<RevisionResult> revisions, List<Finding> historyFindings,
                              Optional<String> currentVersion, Duration duration, Set<Check> checks,
                              Map<String, Duration> profile) {
        this(database, revisions, historyFindings, currentVersion, duration, checks, profile, List.of());
    }

    /** Every finding: those about no revision that ran first, then each revision's, in revision order. */
    public List<Finding> findings() {
        List<Finding> all = new java.util.ArrayList<>(historyFindings);
        revisions.forEach(r -> all.addAll(r.findings()));
        return java.util.Collections.unmodifiableList(all);
    }

    /**
     * The same result with the findings {@code reason} gives a reason for moved to {@link #suppressed()}, from the
     * revisions and overall alike.
     */
    public VerificationResult suppressing(java.util.function.Function<Finding, Optional<String>> reason) {
        List<SuppressedFinding> moved = new java.util.ArrayList<>(suppressed);
        findings().forEach(f -> reason.apply(f).ifPresent(r -> moved.add(new SuppressedFinding(f, r))));
        VerificationResult kept = filtered(f -> reason.apply(f).isEmpty());
        return new VerificationResult(database, kept.revisions, kept.historyFindings, currentVersion, duration,
                checks, profile, moved, released, part);
    }

    /** The findings, errors first, then warnings, then information, each in the order they were found. */
    public List<Finding> findingsBySeverity() {
        return findings().stream().sorted(java.util.Comparator.comparing(Finding::severity).reversed()).toList();
    }

    /** The file a finding points at, when Flyback knows where it is on disk. */
    public Optional<Path> fileOf(Finding finding) {
        return revisions.stream().map(RevisionResult::revision)
                .filter(r -> r.version().equals(finding.version())).findFirst()
                .flatMap(r -> finding.file().flatMap(name -> name.equals(r.script()) ? r.file()
                        : r.undo().filter(u -> u.script().equals(name)).flatMap(Revision.Undo::file)));
    }

    /** The same result keeping only the findings {@code keep} accepts, in revisions and overall alike. */
    public VerificationResult filtered(java.util.function.Predicate<Finding> keep) {
        return mapped(finding -> keep.test(finding) ? Optional.of(finding) : Optional.empty());
    }

    /**
     * The same result with every finding, in revisions and overall alike, replaced by what {@code change} makes of
     * it: another severity, or nothing.
     */
    public VerificationResult mapped(java.util.function.Function<Finding, Optional<Finding>> change) {
        List<RevisionResult> kept = revisions.stream().map(r -> r.withFindings(r.findings().stream().map(change)
                .flatMap(Optional::stream).toList())).toList();
        return new VerificationResult(database, kept, historyFindings.stream().map(change).flatMap(Optional::stream)
                .toList(), currentVersion, duration, checks, profile, suppressed, released, part);
    }

    /** The same result, knowing which versions are already released. */
    public VerificationResult withReleased(Optional<Set<String>> versions) {
        return new VerificationResult(database, revisions, historyFindings, currentVersion, duration, checks,
                profile, suppressed, versions, part);
    }

    /** The same result, as one shard's part of a history. */
    public VerificationResult withPart(ShardPart shardPart) {
        return new VerificationResult(database, revisions, historyFindings, currentVersion, duration, checks,
                profile, suppressed, released, Optional.of(shardPart));
    }

    /** The findings at or above a severity. */
    public List<Finding> findingsAtLeast(Severity severity) {
        return findings().stream().filter(f -> f.severity().isAtLeast(severity)).toList();
    }

    /** Whether nothing at or above {@code severity} was found. */
    public boolean passes(Severity severity) {
        return findingsAtLeast(severity).isEmpty();
    }
}
