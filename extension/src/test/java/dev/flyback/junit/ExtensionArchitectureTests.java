package dev.flyback.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The extension is a user of the verifier's API, like any project: it reaches none of the engine's packages (checks,
 * seeded data, the CLI, the settings readers, the benchmark) and not the migration engine behind
 * {@code MigrationHistory} (issue 16).
 */
class ExtensionArchitectureTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.flyback.junit");

    @Test
    void should_use_only_the_verifiers_api() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.flyback.verifier.internal..",
                "dev.flyback.verifier.cli..").check(CLASSES);
        noClasses().should().dependOnClassesThat().haveSimpleName("Migrations")
                .orShould().dependOnClassesThat().haveSimpleName("CatalogTracker").check(CLASSES);
    }
}
