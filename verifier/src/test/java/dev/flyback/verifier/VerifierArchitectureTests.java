package dev.flyback.verifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Each third-party library stays in the one package that owns it. */
class VerifierArchitectureTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.flyback.verifier");

    @Test
    void flyway_is_used_only_in_the_migration_package() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.migration..")
                .should().dependOnClassesThat().resideInAPackage("org.flywaydb..").check(CLASSES);
    }

    @Test
    void database_servers_are_started_only_in_the_database_package() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.database..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zonky..", "org.testcontainers..",
                        "org.postgresql..").check(CLASSES);
    }

    @Test
    void schemacrawler_is_used_only_in_its_snapshot_package() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.snapshot.schemacrawler..")
                .should().dependOnClassesThat().resideInAnyPackage("schemacrawler..", "us.fatehi..").check(CLASSES);
    }

    @Test
    void picocli_is_used_only_in_the_cli_and_jackson_only_in_reports_and_settings_files() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(CLASSES);
        noClasses().that().resideOutsideOfPackages("dev.flyback.verifier.report..", "dev.flyback.verifier.config..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..").check(CLASSES);
    }

    @Test
    void liquibase_is_used_only_by_the_benchmark() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.bench..")
                .should().dependOnClassesThat().resideInAPackage("liquibase..").check(CLASSES);
    }
}
