package dev.flyback.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The extension is a user of the verifier's API, like any project: it reaches none of the engine's packages
 * ({@code dev.flyback.verifier.internal}, the CLI) and none of the engine's types marked {@code @API(status =
 * INTERNAL)} beside the API, such as the migration engine behind {@code MigrationHistory} (issue 16).
 */
class ExtensionArchitectureTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.flyback.junit");

    @Test
    void should_use_only_the_verifiers_api() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.flyback.verifier.internal..",
                "dev.flyback.verifier.cli..").check(CLASSES);
        // The engine's types that live beside the API they serve (Migrations behind MigrationHistory, the catalog
        // tracker, the suppression reader, ...) are marked @API(status = INTERNAL): the extension uses none.
        noClasses().should().dependOnClassesThat(new DescribedPredicate<JavaClass>("are @API(status = INTERNAL)") {
            @Override
            public boolean test(JavaClass type) {
                return type.tryGetAnnotationOfType(API.class).map(api -> api.status() == API.Status.INTERNAL)
                        .orElse(false);
            }
        }).check(CLASSES);
    }
}
