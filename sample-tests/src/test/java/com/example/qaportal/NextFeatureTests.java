package com.example.qaportal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.model.ModelDrift;
import dev.flyback.verifier.model.TargetModel;

/**
 * The team's next feature written as entities first ({@code com.example.qaportal.tags}): the revision Flyback writes
 * from them (what {@code flyback new "add research tags" --autogenerate} writes, README) passes the whole proof, and
 * afterwards the migrations give the entities.
 */
class NextFeatureTests {
    private static final TargetModel NEXT = TargetModel.entities(List.of("com.example.qaportal.model",
            "com.example.qaportal.tags"));

    @Test
    void the_written_revision_adds_the_tags_and_passes_verify(@TempDir Path folder) throws Exception {
        copyMigrations(folder);
        FlywaySettings flyway = FlywaySettings.of("filesystem:" + folder);
        ClassLoader project = getClass().getClassLoader();

        ModelDrift drift = ModelDrift.measure(flyway, DatabaseSettings.embedded(), project, NEXT);

        // A table with an enum and an index, a foreign key, and a column on an existing table.
        assertThat(drift.changes()).contains("+ table research_tags (id, kind, research_id, tag)", "+ enum tagkind",
                "+ index research_tags.ix_research_tags_research_id",
                "+ foreign key research_tags.research_tags_research_id_fkey", "+ column teams.slack_channel");
        assertThat(drift.upgradeNotes()).isEmpty();
        Files.writeString(folder.resolve("V5__add_research_tags.sql"), String.join("\n", drift.upgrade()));
        Files.writeString(folder.resolve("U5__add_research_tags.sql"), String.join("\n", drift.downgrade()));

        VerificationResult verified = MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway).build());
        assertThat(verified.findings()).filteredOn(f -> f.version().equals("5"))
                .filteredOn(f -> f.severity().isAtLeast(Severity.WARNING)).isEmpty();
        assertThat(verified.revisions()).hasSize(5);
        assertThat(ModelDrift.measure(flyway, DatabaseSettings.embedded(), project, NEXT).matches()).isTrue();
    }

    private static void copyMigrations(Path folder) throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                Files.copy(script, folder.resolve(script.getFileName()));
            }
        }
    }
}
