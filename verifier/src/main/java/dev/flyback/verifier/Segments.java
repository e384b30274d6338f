package dev.flyback.verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.migration.Revision;

/**
 * How a history is divided among databases proving it at once ({@code --jobs}) or among the jobs of a CI matrix
 * ({@code --shard}): into consecutive ranges, each proved on a database of its own after reaching its first revision
 * with those before it. A range's time is what reaching it costs plus what proving it costs, so later ranges are
 * shorter; the ranges are chosen to make the longest time as short as it can be, from the scripts' sizes (a count of
 * revisions alone would give the range with the big data migration as much as the others). Every shard computes the
 * same ranges from the same files.
 */
final class Segments {
    /**
     * A revision's cost beyond its scripts' text, in bytes of script: the statements, catalog reads and checks every
     * revision pays. Measured with {@code bench} on the synthetic history, whose scripts are about 300 bytes: the fixed
     * part is most of a revision's time.
     */
    static final long FIXED_BYTES = 2_000;

    /**
     * How much more proving a revision costs than reaching it with a plain Flyway migrate: the up, the undo and the up
     * again, with three catalog reads. Bench, synthetic histories on 2 cores: 4.2 at 200 revisions, 7.9 at 1000 (the
     * catalog reads grow with the schema); 6 puts the slowest of 4 shards within 0.32 of the single run at 1000 and
     * costs 200 revisions 0.01 against their own ratio. Since the reach runs the scripts as second ups do
     * ({@code ProofSteps.reach}) and snapshots read less, both sides are cheaper: 8 against 6, alternately at 1000
     * revisions, gave the slowest of 4 shards 0.30 to 0.37 against 0.27 to 0.40 of the single run, the same within
     * this machine's noise, so 6 stays.
     */
    static final double PROOF_PER_MIGRATE = 6;

    /**
     * The same against reaching a revision as the seeded run does ({@link Proof#reach}: rows seeded before each up,
     * the seeding of each undo rehearsed, the catalog followed). First measured as 1.7 (reaching cost 0.6 of
     * proving); since then the reach got cheaper (a reached up records only the tables it wrote, the rehearsal reads
     * no sequence when it seeds nothing): on the 1000-revision synthetic history with rows, a shard alone reaches a
     * revision in 17 ms and proves one in 46 to 61 ms, more the later it is. Ranges sharing the cores
     * ({@code --jobs}) slow the reach more than the proof (one cold run with 3.4: the first range proved 588
     * revisions at 73 ms each, against 46 to 58 ms alone, and the second, reaching them and proving 412, ended 8.7 s
     * after it), while a shard alone is spared that but proves the later revisions, which cost more: 2.2
     * suits both (issue 18, 2026-12-06, each pair alternately after a warm-up). {@code --jobs 2}: 35.3, 35.0 and
     * 37.5 s against 39.8, 39.4 and 41.8 s with 1.7 (2.0 the same as 2.2 within the noise, its first range still
     * ending last). 2 shards, the slower: 33.7 s (32.4 and 33.7) against 39.1 s (39.1 and 31.2) with 1.7; 3.4 left
     * the second shard the slower, 38.0 and 35.9 s.
     */
    static final double PROOF_PER_SEEDED_REACH = 2.2;

    private Segments() {
    }

    /** A range of the history: the revisions from {@code from} (inclusive) to {@code to} (exclusive). */
    record Range(int from, int to) {
        boolean isEmpty() {
            return from >= to;
        }
    }

    /**
     * The history divided into {@code parts} ranges (some empty when it has fewer revisions than parts), for a run
     * that seeds rows or not.
     */
    static List<Range> plan(List<Revision> revisions, int parts, boolean seeded) {
        double proofPerReach = seeded ? PROOF_PER_SEEDED_REACH : PROOF_PER_MIGRATE;
        long[] prove = new long[revisions.size()];
        long[] reach = new long[revisions.size()];
        for (int i = 0; i < revisions.size(); i++) {
            Revision revision = revisions.get(i);
            long up = FIXED_BYTES + size(revision.file());
            long undo = revision.undo().map(u -> FIXED_BYTES + size(u.file())).orElse(up);
            // The up runs twice, the undo once.
            prove[i] = Math.round(proofPerReach * (2 * up + undo) / 3);
            reach[i] = up;
        }
        return plan(prove, reach, parts);
    }

    /**
     * The ranges that make the longest of {@code reach(before the range) + prove(the range)} the shortest: the
     * smallest longest time for which consecutive greedy ranges cover the history, found by bisection.
     */
    static List<Range> plan(long[] prove, long[] reach, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be 1 or more, was " + parts);
        }
        long low = 0;
        long high = 0;
        for (long cost : prove) {
            high += cost;
        }
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (greedy(prove, reach, parts, middle).isPresent()) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        List<Range> ranges = greedy(prove, reach, parts, high).orElseThrow();
        while (ranges.size() < parts) {
            ranges.add(new Range(prove.length, prove.length));
        }
        return ranges;
    }

    /** Consecutive ranges each within {@code limit}, or empty when {@code parts} of them cannot cover the history. */
    private static Optional<List<Range>> greedy(long[] prove, long[] reach, int parts, long limit) {
        List<Range> ranges = new ArrayList<>();
        int from = 0;
        long reached = 0;
        while (from < prove.length) {
            if (ranges.size() == parts) {
                return Optional.empty();
            }
            long time = reached;
            int to = from;
            while (to < prove.length && time + prove[to] <= limit) {
                time += prove[to];
                to++;
            }
            if (to == from) {
                return Optional.empty();
            }
            for (int i = from; i < to; i++) {
                reached += reach[i];
            }
            ranges.add(new Range(from, to));
            from = to;
        }
        return Optional.of(ranges);
    }

    private static long size(Optional<Path> file) {
        try {
            return file.isPresent() ? Files.size(file.get()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
