package com.example.qaportal;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import dev.flyback.junit.MigrationHarness;
import dev.flyback.junit.MigrationTest;
import dev.flyback.verifier.model.TargetModel;

/**
 * The portal's JPA entities and its migrations describe the same schema: the test fails with the statements of the
 * revision that would close the gap when someone changes one without the other.
 */
@MigrationTest(locations = "classpath:db/migration")
class ModelMatchesMigrationsTests {

    @TestFactory
    Stream<DynamicNode> the_entities(MigrationHarness migrations) {
        return Stream.of(migrations.modelMatches(TargetModel.entities(List.of("com.example.qaportal.model"))));
    }
}
