package dev.flyback.verifier.model;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationException;

/**
 * The revision from the head of a history to a target, on real PostgreSQL (issue 17, items 1 and 2): applying what
 * Flyback writes makes the migrations give the target (the drift measured again is none), and its undo passes the
 * proof.
 */
class ModelDriftTests {
    private static final ClassLoader LOADER = ModelDriftTests.class.getClassLoader();

    /** A target that needs most of what the writer knows: every statement must run, and close the gap. */
    private static final Path RICH_TARGET = Path.of("src/test/resources/models/rich.sql");

    @Test
    void should_write_a_revision_that_gives_the_target_and_an_undo_that_passes_the_proof(@TempDir Path folder)
            throws IOException, MigrationException {
        Files.writeString(folder.resolve("V1__customers.sql"), "CREATE TABLE customers (id bigint GENERATED ALWAYS "
                + "AS IDENTITY PRIMARY KEY, email varchar(100), legacy text);");
        Files.writeString(folder.resolve("U1__customers.sql"), "DROP TABLE customers;");
        Path target = RICH_TARGET;
        FlywaySettings flyway = FlywaySettings.of("filesystem:" + folder);

        ModelDrift drift = ModelDrift.measure(flyway, DatabaseSettings.embedded(), LOADER, TargetModel.schemaFile(target));

        then(drift.matches()).isFalse();
        then(drift.head()).contains("1");
        then(drift.upgrade()).anySatisfy(s -> then(s).startsWith("CREATE TABLE public.orders (").contains(
                        "code text COLLATE \"C\" NOT NULL", "GENERATED ALWAYS AS ((price * (quantity)::numeric)) STORED",
                        "quantity positive DEFAULT 1 NOT NULL"))
                .contains("CREATE TABLE public.events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') "
                        + "TO ('2027-01-01');", "ALTER SEQUENCE public.orders_id_seq OWNED BY orders.id;",
                        "CREATE DOMAIN public.positive AS integer CONSTRAINT positive_check CHECK ((VALUE > 0));",
                        "ALTER TABLE public.customers DROP COLUMN IF EXISTS legacy;")
                .anySatisfy(s -> then(s).startsWith("CREATE UNLOGGED TABLE public.scratch (").endsWith(
                        "WITH (fillfactor=70);"))
                .noneMatch(s -> s.startsWith("DROP") && s.contains("CASCADE"));
        then(drift.upgradeNotes()).contains("column public.customers.legacy is dropped: its values are lost, and the "
                + "undo adds it again empty");
        then(drift.changes()).contains("+ table orders (code, customer_id, id, mood, placed_at, price, quantity, "
                + "total)", "- column customers.legacy");

        Files.writeString(folder.resolve("V2__target.sql"), String.join("\n", drift.upgrade()));
        Files.writeString(folder.resolve("U2__target.sql"), String.join("\n", drift.downgrade()));

        then(ModelDrift.measure(flyway, DatabaseSettings.embedded(), LOADER, TargetModel.schemaFile(target)).changes())
                .as("what is left after the written revision").isEmpty();
        VerificationResult proof = MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway)
                .checks(EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY)).seedRows(0).build());
        then(proof.findings()).extracting(Finding::rule).isEmpty();
    }

    /**
     * Labels added to an enum go in their places with {@code ADD VALUE}; row-level security and a policy come with
     * their table. PostgreSQL cannot drop a label: the undo makes the type again and moves the columns onto it.
     */
    @Test
    void should_add_enum_labels_in_their_places_and_write_policies(@TempDir Path folder)
            throws IOException, MigrationException {
        Files.writeString(folder.resolve("V1__accounts.sql"), "CREATE TYPE tier AS ENUM ('silver');\n"
                + "CREATE TABLE accounts (id int PRIMARY KEY, tier tier DEFAULT 'silver', owner text);\n"
                + "CREATE SEQUENCE counter;\nCREATE TABLE audit (at date);\n"
                + "CREATE POLICY mine ON audit FOR ALL USING (true);");
        Files.writeString(folder.resolve("U1__accounts.sql"), "DROP TABLE audit;\nDROP SEQUENCE counter;\n"
                + "DROP TABLE accounts;\nDROP TYPE tier;");
        Path target = Files.writeString(folder.resolve("../accounts.sql").normalize(), """
                CREATE TYPE tier AS ENUM ('bronze', 'it''s', 'silver', 'gold');
                CREATE TABLE accounts (id int PRIMARY KEY, tier tier DEFAULT 'silver', owner text);
                ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own ON accounts AS RESTRICTIVE FOR SELECT TO public USING (owner = current_user);
                GRANT SELECT, INSERT ON accounts TO PUBLIC;
                CREATE SEQUENCE counter INCREMENT 5 CACHE 10;
                CREATE TABLE audit (at date);
                CREATE POLICY mine ON audit AS RESTRICTIVE FOR INSERT WITH CHECK (at > '2000-01-01');
                CREATE TABLE ledger (id int);
                GRANT SELECT ON ledger TO PUBLIC;
                """);
        FlywaySettings flyway = FlywaySettings.of("filesystem:" + folder);

        ModelDrift drift = ModelDrift.measure(flyway, DatabaseSettings.embedded(), LOADER, TargetModel.schemaFile(target));

        then(String.join("\n", drift.upgrade())).contains("ALTER TYPE public.tier ADD VALUE 'it''s' BEFORE 'silver';\n"
                        + "ALTER TYPE public.tier ADD VALUE 'bronze' BEFORE 'it''s';\n"
                        + "ALTER TYPE public.tier ADD VALUE 'gold' AFTER 'silver';",
                "ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;",
                "CREATE POLICY own ON public.accounts AS RESTRICTIVE FOR SELECT TO public USING ((owner = CURRENT_USER));",
                "ALTER SEQUENCE public.counter INCREMENT BY 5 CACHE 10;",
                "DROP POLICY IF EXISTS mine ON public.audit;\nCREATE POLICY mine ON public.audit AS RESTRICTIVE FOR "
                        + "INSERT TO public WITH CHECK ((at > '2000-01-01'::date));",
                "GRANT SELECT ON TABLE public.ledger TO PUBLIC;");
        then(drift.downgradeNotes()).contains("enum public.tier: made again with the labels 'silver'; a row holding a "
                + "label it no longer has makes this fail: change those rows first");
        then(String.join("\n", drift.downgrade())).contains("ALTER TYPE public.tier RENAME TO tier__flyback_old;\n"
                + "CREATE TYPE public.tier AS ENUM ('silver');\n"
                + "ALTER TABLE accounts ALTER COLUMN tier DROP DEFAULT;\n"
                + "ALTER TABLE accounts ALTER COLUMN tier TYPE public.tier USING tier::text::public.tier;\n"
                + "ALTER TABLE accounts ALTER COLUMN tier SET DEFAULT 'silver'::tier;\n"
                + "DROP TYPE public.tier__flyback_old;");
        Files.writeString(folder.resolve("V2__tiers.sql"), String.join("\n", drift.upgrade()));
        Files.writeString(folder.resolve("U2__tiers.sql"), String.join("\n", drift.downgrade()));
        then(ModelDrift.measure(flyway, DatabaseSettings.embedded(), LOADER, TargetModel.schemaFile(target)).changes())
                .isEmpty();
        then(MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway).checks(EnumSet.of(Check.REVERSIBILITY,
                Check.REAPPLY)).seedRows(0).build()).findings()).extracting(Finding::rule).isEmpty();
    }

    @Test
    void should_pair_objects_by_name_and_say_that_a_drop_and_an_add_may_be_a_rename(@TempDir Path folder)
            throws IOException, MigrationException {
        Files.writeString(folder.resolve("V1__people.sql"), "CREATE TABLE people (id int PRIMARY KEY, name text);");
        Path target = Files.writeString(folder.resolve("../people.sql").normalize(),
                "CREATE TABLE people (id int PRIMARY KEY, full_name text, born date NOT NULL);");

        ModelDrift drift = ModelDrift.measure(FlywaySettings.of("filesystem:" + folder), DatabaseSettings.embedded(),
                LOADER, TargetModel.schemaFile(target));

        then(drift.differences()).extracting(d -> d.getClass().getSimpleName() + " " + d.subject().name())
                .containsExactlyInAnyOrder("Removed name", "Added full_name", "Added born");
        then(drift.upgradeNotes()).containsExactlyInAnyOrder(
                "column public.people.name is dropped: its values are lost, and the undo adds it again empty; if it "
                        + "was renamed to born or full_name, write ALTER TABLE public.people RENAME COLUMN name TO "
                        + "born instead of the DROP and the ADD, which keeps the values",
                "column public.people.born is added NOT NULL without a default: on a table with rows the statement "
                        + "fails; give it a default, or add it nullable, fill it and SET NOT NULL");
        then(drift.downgradeNotes()).containsExactly("column public.people.name: the undo adds it again empty; its "
                + "values cannot come back");
    }

    @Test
    void should_compare_with_entities_only_what_entities_describe(@TempDir Path folder)
            throws IOException, MigrationException {
        // A function, a trigger and a comment the entities cannot say: they stay as migrated, never dropped.
        Files.writeString(folder.resolve("V1__audit.sql"), """
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TABLE customers (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                                        email varchar(255) NOT NULL UNIQUE, display_name varchar(80));
                CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch();
                COMMENT ON TABLE customers IS 'People who buy';
                """);
        FlywaySettings flyway = FlywaySettings.of("filesystem:" + folder);
        TargetModel shop = TargetModel.entities(List.of("dev.flyback.verifier.model.shop"));

        ModelDrift drift = ModelDrift.measure(flyway, DatabaseSettings.embedded(), LOADER, shop);

        then(drift.changes()).containsExactly("+ table purchase_orders (customer_id, id, placed_at, status, total)",
                "+ enum orderstatus", "+ sequence purchase_orders_seq",
                "+ foreign key purchase_orders.purchase_orders_customer_id_fkey",
                "+ primary key purchase_orders.purchase_orders_pkey",
                "+ index purchase_orders.ix_purchase_orders_customer_id",
                "+ cast (character varying AS orderstatus)", "+ cast (orderstatus AS character varying)");
        then(drift.upgrade()).noneMatch(s -> s.contains("touch") || s.contains("COMMENT"));

        Files.writeString(folder.resolve("V2__orders.sql"), String.join("\n", drift.upgrade()));
        then(ModelDrift.measure(flyway, DatabaseSettings.embedded(), LOADER, shop).matches()).isTrue();
    }

    @Test
    void should_say_where_entities_are_missing() {
        thenThrownBy(() -> ModelDrift.measure(FlywaySettings.of("filesystem:src/test/resources/scenarios/clean"),
                DatabaseSettings.embedded(), LOADER, TargetModel.entities(List.of("dev.flyback.verifier.model.empty"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No JPA @Entity in dev.flyback.verifier.model.empty on the classpath given");
    }

    @Test
    void should_name_the_file_line_and_statement_of_a_target_schema_that_fails(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("V1__t.sql"), "CREATE TABLE t (id int);");
        Path target = Files.writeString(folder.resolve("../broken.sql").normalize(),
                "CREATE TABLE t (id int);\n\nCREATE INDEX ix ON t (nope);\n");

        thenThrownBy(() -> ModelDrift.measure(FlywaySettings.of("filesystem:" + folder), DatabaseSettings.embedded(),
                LOADER, TargetModel.schemaFile(target)))
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    then(e.failure().script()).isEqualTo("broken.sql");
                    then(e.failure().line()).contains(3);
                    then(e.failure().statement()).hasValueSatisfying(s -> then(s).contains("CREATE INDEX ix ON t (nope)"));
                    then(e.failure().message()).contains("column \"nope\" does not exist");
                });
    }
}
