package dev.flyback.verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.MigrationFailure;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;

/**
 * One proof spread over databases of one server ({@code --jobs}, issue 18): each {@link Segments.Range} of the
 * history is proved on a scratch database of its own, on a thread of its own, after that database reached the range's
 * first revision ({@link Proof#reach}); the first range runs on the run's own database. The results are joined in
 * revision order, ending where a revision's up failed as one database would; progress lines come out in that order
 * too. A range whose first revision could not be reached on a fresh database although the range before proved every
 * revision up to it is proved after all on the database of the range before, where one database would have proved it.
 * One range (one job, or a shard) is proved on the run's own database alone.
 */
final class SegmentedProof implements AutoCloseable {
    private final VerifierConfig config;
    private final DisposableDatabase database;
    private final List<Revision> revisions;
    private final Predicate<String> judged;
    private final List<Segment> segments = new ArrayList<>();
    private final OrderedProgress progress;
    private ExecutorService threads;
    /** The range whose database holds the last revision proved, once joined. */
    private Segment head;

    /**
     * What the segments found together.
     *
     * @param results every revision proved, in order, up to the first whose up failed
     * @param head the proof whose database is at the last revision, when the run reached it and went through
     * @param unreachable when a shard proved nothing: the failure of a revision before its range, which the shard
     *                    that holds it reports
     * @param currentVersion where the last database the run used stands
     * @param profile where the time went, summed over the databases
     * @param startState for a shard: the state after reaching its first revision ({@link Proof#state})
     * @param endState for a shard: the state after its last revision
     */
    record Outcome(List<RevisionResult> results, Optional<Proof> head,
                   Optional<MigrationFailure> unreachable, Optional<String> currentVersion,
                   Map<String, Duration> profile, Optional<String> startState, Optional<String> endState) {
    }

    SegmentedProof(VerifierConfig config, DisposableDatabase database, Migrations migrations,
                   List<Revision> revisions, List<Segments.Range> ranges, Predicate<String> judged) {
        this.config = config;
        this.database = database;
        this.revisions = List.copyOf(revisions);
        this.judged = judged;
        List<Segments.Range> used = ranges.stream().filter(r -> !r.isEmpty()).toList();
        if (used.isEmpty()) {
            used = List.of(ranges.isEmpty() ? new Segments.Range(0, 0) : ranges.get(0));
        }
        this.progress = new OrderedProgress(config.progress(), used.size());
        for (int i = 0; i < used.size(); i++) {
            segments.add(new Segment(i, used.get(i), i == 0 ? Optional.of(migrations) : Optional.empty()));
        }
    }

    /** Proves every range, each on its database, and joins what they found. */
    Outcome prove() {
        if (segments.size() > 1) {
            progress.accept(0, "Proving on " + segments.size() + " databases at once: " + describeRanges());
            threads = Executors.newFixedThreadPool(segments.size() - 1, task -> {
                Thread thread = new Thread(task, "flyback-proof");
                thread.setDaemon(true);
                return thread;
            });
        }
        List<Future<?>> running = new ArrayList<>();
        for (Segment segment : segments.subList(1, segments.size())) {
            running.add(threads.submit(segment::run));
        }
        segments.get(0).run();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseStartException("Interrupted while proving the history on several databases", e);
            } catch (java.util.concurrent.ExecutionException e) {
                // Each segment keeps its own failure; they are weighed below, in revision order.
            }
        }
        return join();
    }

    /** The segments' results in revision order, up to the first revision whose up failed. */
    private Outcome join() {
        List<RevisionResult> results = new ArrayList<>();
        Segment at = null;
        Optional<MigrationFailure> unreachable = Optional.empty();
        for (Segment segment : segments) {
            if (segment.failure != null && at == null) {
                throw segment.failure;
            }
            if (segment.range.isEmpty()) {
                continue;
            }
            if (segment.unreachable.isPresent() && at == null) {
                unreachable = segment.unreachable;
                break;
            }
            boolean sameStart = segment.failure == null && segment.unreachable.isEmpty() && segment.abandoned == null
                    && (at == null || at.endState().equals(segment.startState));
            if (sameStart) {
                progress.release(segment.index);
                results.addAll(segment.results);
                at = segment;
            } else {
                // One database would have gone on from the range before, in a state this one did not start from
                // (the rows an undo did not bring back, a second up that differs): so does the run.
                progress.discard(segment.index);
                progress.accept(0, describe(revisions, segment.range) + ": proved again after "
                        + revisions.get(segment.range.from() - 1).displayName() + " on the database before, "
                        + (segment.failure != null ? "since their own database failed: " + segment.failure.getMessage()
                        : segment.unreachable.isPresent() ? "since the revisions before them do not apply on a "
                        + "fresh database" : segment.abandoned != null ? "since the proof of " + segment.abandoned
                        + " left it in another state than the revisions before them give"
                        : "since the proof left it in another state than the revisions before "
                        + "them give (rows an undo does not bring back)"));
                results.addAll(at.prove(segment.range.from(), segment.range.to(), false));
                at.endState = null;
            }
            if (at.stopped) {
                break;
            }
        }
        Map<String, Duration> profile = new LinkedHashMap<>();
        segments.stream().filter(s -> s.proof != null)
                .forEach(s -> s.proof.profile().forEach((phase, time) -> profile.merge(phase, time, Duration::plus)));
        head = at;
        Segment last = at;
        boolean complete = last != null && !last.stopped && last.end == revisions.size();
        Segment where = last != null ? last : segments.get(0);
        // A shard is one segment: the states around its range let the merge tell whether it started where the shard
        // before it ended.
        Segment only = segments.get(0);
        boolean shard = config.shard().isPresent() && only.proof != null && unreachable.isEmpty()
                && !only.range.isEmpty();
        Optional<String> startState = shard && only.range.from() > 0 ? Optional.of(only.startState()) : Optional.empty();
        Optional<String> endState = shard && !only.stopped && only.range.to() < revisions.size()
                ? Optional.of(only.endState()) : Optional.empty();
        return new Outcome(drawingsWithin(results), complete ? Optional.of(last.proof) : Optional.empty(), unreachable,
                where.migrations == null ? Optional.empty() : where.migrations.currentVersion(), profile, startState,
                endState);
    }

    /**
     * Each range draws up to {@link VerifierConfig#diagrams()} of its revisions; the run keeps the first ones in
     * revision order, as one database would have drawn them.
     */
    private List<RevisionResult> drawingsWithin(List<RevisionResult> results) {
        if (segments.size() == 1) {
            return results;
        }
        int left = config.diagrams();
        List<RevisionResult> kept = new ArrayList<>();
        for (RevisionResult result : results) {
            if (result.diagram().isPresent() && left-- <= 0) {
                kept.add(new RevisionResult(result.revision(), result.steps(), result.changes(), result.findings()));
            } else {
                kept.add(result);
            }
        }
        return kept;
    }

    private String describeRanges() {
        List<String> described = new ArrayList<>();
        for (Segment segment : segments) {
            described.add(describe(revisions, segment.range));
        }
        return String.join(", ", described);
    }

    /** {@code V3__a to V9__b}, or the one revision of a range of one. */
    static String describe(List<Revision> revisions, Segments.Range range) {
        String first = revisions.get(range.from()).displayName();
        return range.to() - range.from() == 1 ? first
                : first + " to " + revisions.get(range.to() - 1).displayName();
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
        RuntimeException first = null;
        // The other databases first: dropping one ends any session a stuck thread still holds on it. The one that
        // holds the last revision proved is kept, to become the run's own below.
        Segment keep = head != null && head.ownDatabase && head.scratch != null ? head : null;
        for (Segment segment : segments.subList(1, segments.size())) {
            try {
                if (segment != keep) {
                    segment.closeDatabase();
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (threads != null) {
            try {
                threads.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Segment segment : segments) {
            segment.closeProof();
        }
        if (keep != null) {
            // The run's database ends where one database would: at the last revision proved.
            try {
                database.replaceWith(keep.scratch);
            } catch (RuntimeException e) {
                keep.closeDatabase();
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The findings after which the database is not where reaching the next revision leaves one: the proof rebuilt
     * it (a failed undo or second up, an up that failed on seeded rows), or the undo and second up did not give back
     * the schema or the rows the first up left. Real histories have them: every range after the first of crates.io,
     * Hydra, Kratos and Lemmy was proved again, after being proved on its own database first (Hydra at
     * {@code --jobs 2}: 25 s against 19 s at {@code --jobs 1}).
     */
    private static final Set<FindingType> ANOTHER_STATE = EnumSet.of(FindingType.UNDO_FAILED,
            FindingType.UNDO_DROPS_HISTORY, FindingType.TIMED_OUT, FindingType.MISSING, FindingType.CHANGED,
            FindingType.COLUMN_ORDER_CHANGED, FindingType.REUP_FAILED, FindingType.REUP_DIFFERS,
            FindingType.ROWS_LOST, FindingType.VALUES_LOST, FindingType.DATA_NOT_RESTORED,
            FindingType.DATA_REWRITTEN, FindingType.UP_FAILS_WITH_ROWS, FindingType.UP_FAILS_WITH_SEEDED_ROWS);

    /** Why a proved revision left the database in another state than reaching it gives, if it did. */
    static Optional<String> leftAnotherState(RevisionResult result) {
        return result.findings().stream().map(Finding::type).filter(ANOTHER_STATE::contains).findFirst()
                .map(FindingType::name);
    }

    /** Whether a range before {@code segment} ended at a failed up: the ranges after it need not go on. */
    private boolean stoppedBefore(int segment) {
        for (int i = 0; i < segment; i++) {
            if (segments.get(i).stopped) {
                return true;
            }
        }
        return false;
    }

    /** One range on one database. */
    private final class Segment {
        private final int index;
        private final Segments.Range range;
        private final boolean ownDatabase;
        private DisposableDatabase scratch;
        private Migrations migrations;
        private Proof proof;
        private final List<RevisionResult> results = new ArrayList<>();
        private Optional<MigrationFailure> unreachable = Optional.empty();
        private volatile boolean stopped;
        /**
         * Set when a range before this one proved a revision whose undo or second up left the database in another
         * state than reaching it gives: this range would be proved again after it anyway, so it stops at once.
         */
        private volatile String abandoned;
        /** The revision after the last this segment proved. */
        private int end;
        private RuntimeException failure;
        /** The proof's state after reaching the range, for a range after the first. */
        private String startState;
        /** The proof's state after its last revision; null until asked. */
        private String endState;

        Segment(int index, Segments.Range range, Optional<Migrations> shared) {
            this.index = index;
            this.range = range;
            this.ownDatabase = shared.isEmpty();
            this.migrations = shared.orElse(null);
            this.scratch = shared.isPresent() ? database : null;
            this.end = range.from();
        }

        void run() {
            if (range.isEmpty()) {
                return;
            }
            try {
                open();
                unreachable = proof.reach(revisions.subList(0, range.from()), () -> abandoned != null);
                if (unreachable.isEmpty() && abandoned == null) {
                    startState = range.from() > 0 ? proof.state() : null;
                    results.addAll(prove(range.from(), range.to(), true));
                    if (index < segments.size() - 1 && !stopped) {
                        endState = proof.state();
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private void open() {
            if (ownDatabase) {
                scratch = database.createSibling(Optional.empty());
                migrations = segments.get(0).migrations.on(scratch.dataSource());
                try {
                    migrations.prepare();
                } catch (MigrationException e) {
                    throw new DatabaseStartException(e.getMessage(), e);
                }
            }
            proof = new Proof(migrations, scratch, config, judged, line -> progress.accept(index, line));
        }

        /**
         * Proves the revisions from {@code from} to {@code to}, ending early where an up fails; while the ranges run
         * at once ({@code running}), a revision proved {@link #leftAnotherState} abandons the ranges after this one.
         */
        List<RevisionResult> prove(int from, int to, boolean running) {
            List<RevisionResult> proved = new ArrayList<>();
            for (int i = from; i < to && !stopped && !stoppedBefore(index) && (!running || abandoned == null); i++) {
                RevisionResult result = proof.check(revisions.get(i));
                proved.add(result);
                stopped = !result.applied();
                end = i + 1;
                if (running) {
                    leftAnotherState(result).ifPresent(why -> segments.subList(index + 1, segments.size())
                            .forEach(later -> later.abandoned = result.revision().displayName() + " (" + why + ")"));
                }
            }
            return proved;
        }

        /** The proof's state after reaching the range. */
        String startState() {
            if (startState == null) {
                startState = proof.state();
            }
            return startState;
        }

        /** The proof's state after the last revision it proved. */
        String endState() {
            if (endState == null) {
                endState = proof.state();
            }
            return endState;
        }

        void closeDatabase() {
            if (ownDatabase && scratch != null) {
                scratch.close();
            }
        }

        void closeProof() {
            if (proof != null) {
                try {
                    proof.close();
                } catch (RuntimeException e) {
                    // Its database is gone or going; nothing left to release.
                }
            }
        }
    }

    /**
     * Progress lines in revision order, each revision once: the first range speaks as it goes; a later range's lines
     * wait until the join keeps its results ({@link #release}) or throws them away to prove its revisions again on
     * the database before ({@link #discard}). Printing them as soon as the range before was done said twice what the
     * run proved once (`flyback verify` counted 115 revisions proven of Hydra's 89).
     */
    private static final class OrderedProgress {
        private final Consumer<String> out;
        private final List<List<String>> waiting = new ArrayList<>();
        private final boolean[] released;

        OrderedProgress(Consumer<String> out, int segments) {
            this.out = out;
            this.released = new boolean[segments];
            this.released[0] = true;
            for (int i = 0; i < segments; i++) {
                waiting.add(new ArrayList<>());
            }
        }

        synchronized void accept(int segment, String line) {
            if (released[segment]) {
                out.accept(line);
            } else {
                waiting.get(segment).add(line);
            }
        }

        /** Prints what the range said, and from now on what it says: its results are kept. */
        synchronized void release(int segment) {
            released[segment] = true;
            waiting.get(segment).forEach(out);
            waiting.get(segment).clear();
        }

        /** Forgets what the range said: its results are thrown away. */
        synchronized void discard(int segment) {
            waiting.get(segment).clear();
        }
    }
}
