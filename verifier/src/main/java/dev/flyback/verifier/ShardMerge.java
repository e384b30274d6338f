package dev.flyback.verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.RuleSeverities;
import dev.flyback.verifier.finding.SuppressedFinding;
import dev.flyback.verifier.finding.Suppressions;
import dev.flyback.verifier.internal.check.SchemaChecks;
import dev.flyback.verifier.migration.Revision;

/**
 * Joins the results of every shard of a CI matrix ({@code --shard I/N}) into the result one run over the whole
 * history gives (issue 18): the revisions in order, up to the first whose up failed as one run stops there; the
 * findings about no revision once; and the foreign keys the last shard found never validated, reported at the
 * revision that added them, which only the joined changes tell.
 *
 * @since 0.6
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.6")
public final class ShardMerge {

    private ShardMerge() {
    }

    /**
     * The result of the whole history from its shards' results.
     *
     * @throws IllegalArgumentException when a result is not a shard's, a shard is missing or given twice, or the
     *                                  shards proved different histories, saying which
     */
    public static VerificationResult merge(List<VerificationResult> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no shard reports to merge");
        }
        for (VerificationResult shard : shards) {
            if (shard.part().isEmpty()) {
                throw new IllegalArgumentException("a report is of a whole run, not of a shard: merge the JSON "
                        + "reports of flyback verify --shard I/N");
            }
        }
        List<VerificationResult> ordered = new ArrayList<>(shards);
        ordered.sort(Comparator.comparingInt(r -> r.part().orElseThrow().shard().index()));
        ShardPart first = ordered.get(0).part().orElseThrow();
        int count = first.shard().count();
        for (int i = 0; i < ordered.size(); i++) {
            ShardPart part = ordered.get(i).part().orElseThrow();
            if (part.shard().count() != count) {
                throw new IllegalArgumentException("shard " + part.shard() + " is of a matrix of " + part.shard()
                        .count() + ", shard " + first.shard() + " of " + count + ": merge the reports of one run");
            }
            if (part.shard().index() != i + 1) {
                throw new IllegalArgumentException(part.shard().index() > i + 1
                        ? "shard " + (i + 1) + "/" + count + " is missing: merge the JSON report of every shard"
                        : "shard " + part.shard() + " is given twice");
            }
            if (!part.history().equals(first.history())) {
                throw new IllegalArgumentException("shard " + part.shard() + " proved another history than shard "
                        + first.shard() + " (" + part.history().size() + " revisions against " + first.history()
                        .size() + "): every shard must run on the same commit");
            }
        }
        if (ordered.size() != count) {
            throw new IllegalArgumentException("shard " + (ordered.size() + 1) + "/" + count
                    + " is missing: merge the JSON report of every shard");
        }
        return join(ordered);
    }

    /**
     * What keeps the joined result from being exactly one run's: a shard that did not start in the state the shard
     * before it ended in (the rows an undo of the earlier shard's did not bring back, which the later shard's first
     * revisions never saw), so that what it says about Flyback's synthetic rows may differ from one run's. Empty when
     * every shard started where the one before it ended.
     *
     * @throws IllegalArgumentException as {@link #merge} does
     */
    public static List<String> caveats(List<VerificationResult> shards) {
        merge(shards);
        List<VerificationResult> ordered = new ArrayList<>(shards);
        ordered.sort(Comparator.comparingInt(r -> r.part().orElseThrow().shard().index()));
        List<String> caveats = new ArrayList<>();
        Optional<ShardPart> before = Optional.empty();
        for (VerificationResult shard : ordered) {
            ShardPart part = shard.part().orElseThrow();
            if (shard.revisions().isEmpty()) {
                continue;
            }
            if (before.isPresent() && !before.get().endState().equals(part.startState())) {
                caveats.add("shard " + part.shard() + " started from another state than shard " + before.get().shard()
                        + " ended in (rows an undo of shard " + before.get().shard() + " does not bring back): what it "
                        + "says about Flyback's synthetic rows from " + shard.revisions().get(0).revision()
                        .displayName() + " on may differ from one run's; --jobs on one runner proves those again");
            }
            before = Optional.of(part);
            if (!shard.revisions().get(shard.revisions().size() - 1).applied()) {
                break;
            }
        }
        return caveats;
    }

    private static VerificationResult join(List<VerificationResult> ordered) {
        List<RevisionResult> revisions = new ArrayList<>();
        List<Finding> history = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        Map<String, Duration> profile = new LinkedHashMap<>();
        Duration longest = Duration.ZERO;
        Optional<String> currentVersion = Optional.empty();
        boolean stopped = false;
        for (VerificationResult shard : ordered) {
            ShardPart part = shard.part().orElseThrow();
            shard.profile().forEach((phase, time) -> profile.merge(phase, time, Duration::plus));
            longest = longest.compareTo(shard.duration()) < 0 ? shard.duration() : longest;
            if (stopped) {
                // One run stops at the failed up: what it says about the revisions after it is their history.
                shard.revisions().forEach(r -> r.findings().stream().filter(f -> f.type().check() == Check.HISTORY)
                        .forEach(history::add));
                history.addAll(shard.historyFindings());
                continue;
            }
            if (part.unreachable().isPresent()) {
                throw new IllegalArgumentException("shard " + part.shard() + " could not reach its first revision ("
                        + part.unreachable().get() + "), yet no shard before it reports a failed up: the revisions "
                        + "before its range apply on their own but not after one another's proof; run the history "
                        + "without --shard");
            }
            revisions.addAll(shard.revisions());
            history.addAll(shard.historyFindings());
            suppressed.addAll(shard.suppressed());
            if (!shard.revisions().isEmpty() || shard.currentVersion().isPresent()) {
                currentVersion = shard.currentVersion();
            }
            stopped = !shard.revisions().isEmpty() && !shard.revisions().get(shard.revisions().size() - 1).applied();
        }
        // The shard that proved the last revision, if the run went through, read the keys at the head.
        Optional<VerificationResult> head = ordered.stream()
                .filter(shard -> shard.part().orElseThrow().notValidatedAtHead().isPresent()).findFirst();
        if (!stopped && head.isPresent()) {
            revisions = withNotValidated(revisions, head.get(), suppressed);
        }
        VerificationResult first = ordered.get(0);
        return new VerificationResult("the databases of " + ordered.size() + " shard(s)", revisions, history,
                currentVersion, longest, first.checks(), profile, suppressed, first.released());
    }

    /**
     * The revisions with the findings about the foreign keys the last shard found NOT VALID at the head, each at the
     * revision that added it, told and suppressed as the shards were.
     */
    private static List<RevisionResult> withNotValidated(List<RevisionResult> revisions, VerificationResult head,
                                                         List<SuppressedFinding> suppressed) {
        ShardPart part = head.part().orElseThrow();
        Map<Revision, List<SchemaDifference>> changes = new HashMap<>();
        Set<String> versions = new HashSet<>();
        revisions.forEach(r -> {
            changes.put(r.revision(), r.changes());
            versions.add(r.revision().version());
        });
        List<Revision> order = revisions.stream().map(RevisionResult::revision).toList();
        RuleSeverities severities = new RuleSeverities(part.severities());
        Suppressions suppressions = Suppressions.read(order);
        List<Finding> found = new ArrayList<>();
        for (Finding finding : SchemaChecks.atHead(head.checks(), part.notValidatedAtHead().orElseThrow(), order,
                r -> changes.getOrDefault(r, List.of()), versions)) {
            if (part.notJudged().contains(finding.version())) {
                continue;
            }
            Optional<Finding> told = severities.apply(finding);
            if (told.isEmpty()) {
                continue;
            }
            Optional<String> reason = suppressions.reason(told.get());
            if (reason.isPresent()) {
                suppressed.add(new SuppressedFinding(told.get(), reason.get()));
            } else {
                found.add(told.get());
            }
        }
        // First in each revision's findings, as one run puts what it finds at the head.
        return revisions.stream().map(r -> MigrationVerifier.withHistory(r, found)).toList();
    }
}
