package dev.flyback.verifier.finding;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

class FindingMessagesTests {
    private static final Revision V7 = new Revision("7", "add order indexes", "V7__add_order_indexes.sql",
            Optional.of(Path.of("V7__add_order_indexes.sql")), false,
            Optional.of(new Revision.Undo("U7__add_order_indexes.sql", Optional.empty(), false)), Optional.empty());

    @Test
    void should_render_a_leftover_index_with_state_and_fix() {
        // GIVEN
        TreeMap<String, String> properties = new TreeMap<>();
        properties.put("definition", "CREATE INDEX idx_orders_customer_id ON public.orders USING btree (customer_id)");
        SchemaObject index = new SchemaObject(ObjectType.INDEX, "public", Optional.of("orders"),
                "idx_orders_customer_id", Optional.empty(), properties);

        // WHEN
        Finding finding = FindingMessages.afterUndo(V7, new SchemaDifference.Added(index));

        // THEN
        then(FindingMessages.render(finding)).isEqualTo("""
                error LEFTOVER_INDEX V7__add_order_indexes: index "public"."orders"."idx_orders_customer_id" \
                is still there after U7__add_order_indexes.sql
                  expected: <absent>
                  actual  : CREATE INDEX idx_orders_customer_id ON public.orders USING btree (customer_id)
                  Fix: add to U7__add_order_indexes.sql
                    DROP INDEX IF EXISTS public.idx_orders_customer_id;""");
    }

    @Test
    void should_render_a_missing_undo_with_the_file_to_write() {
        then(FindingMessages.render(FindingMessages.undoMissing(new Revision("3", "add linkedin url",
                "V3__add_linkedin_url.sql", Optional.empty(), false, Optional.empty(), Optional.empty()))))
                .isEqualTo("""
                error UNDO_MISSING V3__add_linkedin_url: V3__add_linkedin_url.sql has no undo script, \
                so it cannot be rolled back
                  Fix: write U3__add_linkedin_url.sql next to V3__add_linkedin_url.sql (flyback undo 3 writes it \
                from what V3__add_linkedin_url.sql changes, and proves it)""");
    }
}
