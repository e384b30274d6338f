package dev.flyback.verifier;

import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.BDDAssertions.then;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.migration.Revision;

/**
 * How a history is divided among databases or shards (issue 18): consecutive ranges covering every revision once,
 * later ranges shorter because reaching them costs, and a costly revision weighing as much as it costs.
 */
class SegmentsTests {

    @Test
    void should_give_later_ranges_fewer_revisions_since_reaching_them_costs() {
        long[] prove = filled(100, 6);
        long[] reach = filled(100, 1);

        List<Segments.Range> ranges = Segments.plan(prove, reach, 2);

        then(ranges).hasSize(2);
        then(ranges.get(0).from()).isZero();
        then(ranges.get(1).from()).isEqualTo(ranges.get(0).to());
        then(ranges.get(1).to()).isEqualTo(100);
        // Balanced: 6a = a + 6(100 - a), so a is about 54.5.
        then(ranges.get(0).to()).isBetween(54, 56);
        then(time(prove, reach, ranges)).isLessThanOrEqualTo(6 * 55 + 6);
    }

    @Test
    void should_weigh_a_costly_revision_by_its_cost_not_count_it_as_one() {
        long[] prove = filled(40, 10);
        long[] reach = filled(40, 2);
        prove[5] = 300;

        List<Segments.Range> ranges = Segments.plan(prove, reach, 2);

        // The big data migration is early: the first range stops soon after it, the second takes the rest.
        then(ranges.get(0).to()).isLessThan(20);
        then(time(prove, reach, ranges)).isLessThan(Arrays.stream(prove).sum() * 3 / 4);
    }

    @Test
    void should_cover_a_history_shorter_than_its_parts_once_leaving_the_last_parts_empty() {
        List<Segments.Range> ranges = Segments.plan(filled(2, 6), filled(2, 1), 4);

        then(ranges).hasSize(4);
        then(ranges.stream().filter(r -> !r.isEmpty()).mapToInt(r -> r.to() - r.from()).sum()).isEqualTo(2);
        then(ranges.get(3).isEmpty()).isTrue();
        then(Segments.plan(new long[0], new long[0], 3)).allMatch(Segments.Range::isEmpty);
    }

    /**
     * Reaching a revision with rows costs more against proving it than reaching it without (the rows seeded and
     * followed on the way): a seeded history's first range takes more revisions, as the balance of the costs says.
     */
    @Test
    void should_give_the_first_range_of_a_seeded_history_more_revisions_as_its_reach_costs_more() {
        List<Revision> revisions = new java.util.ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            revisions.add(new Revision(String.valueOf(i), "r", "V" + i + "__r.sql", Optional.empty(), false,
                    Optional.of(new Revision.Undo("U" + i + "__r.sql", Optional.empty(), false)), Optional.empty()));
        }

        int seeded = Segments.plan(revisions, 2, true).get(0).to();
        int plain = Segments.plan(revisions, 2, false).get(0).to();

        // Balanced: p a = r a + p (1000 - a), so a = 1000 / (2 - r / p).
        then(seeded).isCloseTo((int) Math.round(1000 / (2 - 1 / Segments.PROOF_PER_SEEDED_REACH)), within(1));
        then(plain).isCloseTo((int) Math.round(1000 / (2 - 1 / Segments.PROOF_PER_MIGRATE)), within(1));
        then(seeded).isGreaterThan(plain);
    }

    /** The longest time of any range: reaching its first revision, then proving it. */
    private static long time(long[] prove, long[] reach, List<Segments.Range> ranges) {
        long longest = 0;
        for (Segments.Range range : ranges) {
            long time = 0;
            for (int i = 0; i < range.from(); i++) {
                time += reach[i];
            }
            for (int i = range.from(); i < range.to(); i++) {
                time += prove[i];
            }
            longest = Math.max(longest, time);
        }
        return longest;
    }

    private static long[] filled(int length, long value) {
        long[] costs = new long[length];
        Arrays.fill(costs, value);
        return costs;
    }
}
