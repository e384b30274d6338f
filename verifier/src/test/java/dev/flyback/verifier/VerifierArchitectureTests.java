package dev.flyback.verifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * Each third-party library stays in the one package that owns it, and no package depends on itself through others
 * (the root package included, which ArchUnit's {@code matching("..(**)")} slices leave out).
 */
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
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.internal.schemacrawler..")
                .should().dependOnClassesThat().resideInAnyPackage("schemacrawler..", "us.fatehi..").check(CLASSES);
    }

    @Test
    void picocli_is_used_only_in_the_cli_and_jackson_only_in_reports_and_settings_files() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..").check(CLASSES);
        noClasses().that().resideOutsideOfPackages("dev.flyback.verifier.report..", "dev.flyback.verifier.internal.config..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..").check(CLASSES);
    }

    @Test
    void packages_have_no_cycles_the_root_package_included() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "every package of the verifier";
            }
        }).should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * The engine stays behind the API (issue 16): no public method, constructor or field of a public type outside
     * {@code internal} takes or gives a type of {@code internal}, so a user never has to name one.
     */
    @Test
    void the_api_never_names_an_engine_type() {
        classes().that().resideOutsideOfPackage("dev.flyback.verifier.internal..").and().arePublic()
                .should(new ArchCondition<JavaClass>("name no type of dev.flyback.verifier.internal in a public "
                        + "signature") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (JavaMember member : type.getMembers()) {
                            if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                                continue;
                            }
                            List<JavaClass> named = new ArrayList<>();
                            if (member instanceof JavaCodeUnit unit) {
                                named.add(unit.getRawReturnType());
                                named.addAll(unit.getRawParameterTypes());
                            } else if (member instanceof JavaField field) {
                                named.add(field.getRawType());
                            }
                            named.stream().filter(t -> t.getPackageName().startsWith("dev.flyback.verifier.internal"))
                                    .forEach(t -> events.add(SimpleConditionEvent.violated(member,
                                            member.getFullName() + " names " + t.getName())));
                        }
                    }
                }).check(CLASSES);
    }

    @Test
    void liquibase_is_used_only_by_the_benchmark() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.internal.bench..")
                .should().dependOnClassesThat().resideInAPackage("liquibase..").check(CLASSES);
    }

    /**
     * Hibernate is optional (issue 17): only the package that turns entities into DDL loads it, so that nothing else
     * fails where it is absent.
     */
    @Test
    void hibernate_and_jpa_are_used_only_to_read_entities() {
        noClasses().that().resideOutsideOfPackage("dev.flyback.verifier.internal.hibernate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
                .check(CLASSES);
    }
}
