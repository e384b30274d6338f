package dev.flyback.verifier.internal.data;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.internal.data.DataFingerprint.ColumnData;
import dev.flyback.verifier.internal.data.DataFingerprint.TableData;

/**
 * The data an undo is judged against: what the rows Flyback seeded for it changed in a table the up left alone is
 * theirs, not the undo's (a trigger on a new table writing to an older one). End to end: the {@code trigger_rewrites}
 * scenario's V4.
 */
class DataFingerprintTests {
    private static final TableData DOCUMENTS = table("c:1", 10, "a1");
    private static final TableData SETTINGS = table("c:2", 3, "b1");

    @Test
    void should_take_a_table_the_up_left_alone_as_the_seeded_rows_left_it() {
        DataFingerprint before = fingerprint(Map.of("public.documents", DOCUMENTS, "public.settings", SETTINGS));
        TableData stamped = table("c:1", 10, "a2");
        DataFingerprint seeded = fingerprint(Map.of("public.documents", stamped, "public.settings", SETTINGS));

        DataFingerprint baseline = before.withSeedingEffects(before, seeded);

        then(baseline.table("public.documents")).contains(stamped);
        then(baseline.table("public.settings")).contains(SETTINGS);
    }

    @Test
    void should_keep_the_data_before_the_up_of_a_table_the_up_changed() {
        DataFingerprint before = fingerprint(Map.of("public.documents", DOCUMENTS));
        DataFingerprint up = fingerprint(Map.of("public.documents", table("c:1", 10, "a2")));
        DataFingerprint seeded = fingerprint(Map.of("public.documents", table("c:1", 10, "a3")));

        then(before.withSeedingEffects(up, seeded).table("public.documents")).contains(DOCUMENTS);
    }

    @Test
    void should_follow_a_table_the_up_renamed_without_changing_its_rows() {
        DataFingerprint before = fingerprint(Map.of("public.documents", DOCUMENTS));
        TableData renamed = table("c:1", 10, "a1");
        TableData stamped = table("c:1", 10, "a2");

        DataFingerprint baseline = before.withSeedingEffects(fingerprint(Map.of("public.papers", renamed)),
                fingerprint(Map.of("public.papers", stamped)));

        then(baseline.table("public.documents")).contains(stamped);
    }

    @Test
    void should_be_the_same_data_when_the_seeding_changed_nothing_that_was_there() {
        DataFingerprint before = fingerprint(Map.of("public.documents", DOCUMENTS));
        DataFingerprint seeded = fingerprint(Map.of("public.documents", DOCUMENTS, "public.comments",
                table("c:3", 10, "c1")));

        then(before.withSeedingEffects(before, seeded)).isSameAs(before);
    }

    private static DataFingerprint fingerprint(Map<String, TableData> tables) {
        return new DataFingerprint(new TreeMap<>(tables));
    }

    private static TableData table(String identity, long rows, String checksum) {
        TreeMap<String, ColumnData> columns = new TreeMap<>();
        columns.put("id", new ColumnData("bigint", rows, "ids", identity + ".1"));
        columns.put("title", new ColumnData("text", rows, checksum, identity + ".2"));
        return new TableData(rows, columns, identity);
    }
}
