package dev.flyback.verifier.internal.config;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a project already has, read in the documented order: Spring Boot < flyway.conf < flyway.toml. */
class ProjectSettingsTests {
    private static final ClassLoader NOTHING = new URLClassLoader(new URL[0], null);

    @TempDir
    Path project;

    @Test
    void should_read_spring_boot_yaml_with_kebab_keys_lists_placeholders_and_the_vendor_placeholder() throws IOException {
        write("src/main/resources/application.yml", """
                spring:
                  datasource:
                    url: jdbc:postgresql://prod.example.com/app
                  flyway:
                    url: jdbc:postgresql://prod.example.com/app
                    password: secret
                    locations:
                      - classpath:db/changes/{vendor}
                      - classpath:db/common
                    default-schema: app
                    placeholders:
                      owner-role: app_owner
                    init-sqls: SET ROLE app_owner
                """);

        ProjectSettings.Found found = read(List.of(), Optional.empty(), List.of(), Map.of());

        then(found.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flyway.locations", "classpath:db/changes/postgresql,classpath:db/common",
                "flyway.defaultSchema", "app",
                "flyway.placeholders.owner-role", "app_owner",
                "flyway.initSql", "SET ROLE app_owner"));
        then(found.describeSources()).startsWith("src/main/resources/application.yml (flyway.locations="
                + "classpath:db/changes/postgresql,classpath:db/common), flyway.conf (none), flyway.toml (none)");
    }

    @Test
    void should_apply_the_active_profile_file_and_profile_documents_over_the_base_file() throws IOException {
        write("src/main/resources/application.properties", """
                spring.profiles.active=ci
                spring.flyway.locations=classpath:db/migration
                spring.flyway.table=history
                """);
        write("src/main/resources/application-ci.yml", """
                spring.flyway.locations: filesystem:ci/migrations
                ---
                spring:
                  config.activate.on-profile: other
                  flyway.table: never_this
                """);

        then(read(List.of(), Optional.empty(), List.of(), Map.of()).properties())
                .containsEntry("flyway.locations", "filesystem:ci/migrations").containsEntry("flyway.table", "history");
        then(read(List.of(), Optional.empty(), List.of("other"), Map.of()).properties())
                .as("--spring-profile other names other files and documents")
                .containsEntry("flyway.locations", "classpath:db/migration").containsEntry("flyway.table", "history");
        then(read(List.of(), Optional.empty(), List.of(), Map.of("SPRING_PROFILES_ACTIVE", "ci,other")).properties())
                .containsEntry("flyway.locations", "filesystem:ci/migrations")
                .containsEntry("flyway.table", "never_this");
    }

    @Test
    void should_let_flyway_toml_win_over_flyway_conf_over_spring_and_environment_variables_over_all()
            throws IOException {
        write("src/main/resources/application.yml", "spring.flyway: {locations: classpath:spring, table: t_spring}\n");
        write("flyway.conf", """
                flyway.locations=filesystem:conf
                flyway.table=t_conf
                flyway.encoding=ISO-8859-1
                flyway.url=jdbc:postgresql://prod.example.com/app
                """);
        write("flyway.toml", """
                [environments.default]
                url = "jdbc:postgresql://prod.example.com/app"
                schemas = ["app", "audit"]

                [environments.ci]
                schemas = ["ci"]
                [environments.ci.flyway]
                locations = ["filesystem:ci"]

                [flyway]
                locations = ["filesystem:toml"]
                [flyway.placeholders]
                owner = "app_owner"
                [flyway.postgresql]
                transactional.lock = false
                """);

        ProjectSettings.Found found = read(List.of(), Optional.empty(), List.of(), Map.of());
        then(found.properties()).containsEntry("flyway.locations", "filesystem:toml")
                .containsEntry("flyway.table", "t_conf").containsEntry("flyway.encoding", "ISO-8859-1")
                .containsEntry("flyway.schemas", "app,audit").containsEntry("flyway.placeholders.owner", "app_owner")
                .containsEntry("flyway.postgresql.transactional.lock", "false")
                .doesNotContainKey("flyway.url");
        then(read(List.of(), Optional.of("ci"), List.of(), Map.of()).properties())
                .containsEntry("flyway.locations", "filesystem:ci").containsEntry("flyway.schemas", "ci");
        then(read(List.of(), Optional.empty(), List.of(), Map.of("SPRING_FLYWAY_LOCATIONS", "filesystem:env",
                "SPRING_FLYWAY_DEFAULT_SCHEMA", "env")).properties())
                .containsEntry("flyway.locations", "filesystem:env").containsEntry("flyway.defaultSchema", "env");
    }

    @Test
    void should_read_a_toml_config_file_as_toml_and_name_an_unknown_environment() throws IOException {
        Path toml = write("conf/flyway.toml", """
                [flyway]
                environment = "dev"
                locations = ["filesystem:sql"]
                [environments.dev]
                schemas = ["dev"]
                """);

        then(read(List.of(toml), Optional.empty(), List.of(), Map.of()).properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("flyway.locations", "filesystem:sql",
                        "flyway.schemas", "dev"));
        thenThrownBy(() -> read(List.of(toml), Optional.of("prod"), List.of(), Map.of()))
                .isInstanceOf(ConfigurationFileException.class)
                .hasMessage(toml + " has no [environments.prod]; it has dev (chosen by --environment)");
    }

    @Test
    void should_name_the_file_and_line_of_a_broken_toml_or_yaml() throws IOException {
        write("flyway.toml", """
                [flyway]
                locations = = "filesystem:sql"
                table = "history"
                """);
        thenThrownBy(() -> read(List.of(), Optional.empty(), List.of(), Map.of()))
                .isInstanceOf(ConfigurationFileException.class).hasMessageStartingWith("flyway.toml line 2: ");

        Files.delete(project.resolve("flyway.toml"));
        write("src/main/resources/application.yml", "spring:\n  flyway:\n    locations: [a\n  oops: : :\n");
        thenThrownBy(() -> read(List.of(), Optional.empty(), List.of(), Map.of()))
                .isInstanceOf(ConfigurationFileException.class)
                .hasMessageStartingWith("src/main/resources/application.yml line ");
    }

    @Test
    void should_prefer_the_class_path_application_file_as_spring_boot_does_in_a_test() throws IOException {
        write("src/main/resources/application.yml", "spring.flyway.locations: classpath:main\n");
        Path testClasses = project.resolve("target/test-classes");
        Files.createDirectories(testClasses);
        Files.writeString(testClasses.resolve("application.yml"), "spring.flyway.locations: classpath:test\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {testClasses.toUri().toURL()}, null)) {
            ProjectSettings.Found found = ProjectSettings.read(new ProjectSettings.Request(project, List.of(),
                    Optional.empty(), List.of(), Map.of()), loader);
            then(found.properties()).containsEntry("flyway.locations", "classpath:test");
        }
    }

    @Test
    void should_fall_back_to_the_projects_db_migration_folder_when_the_class_path_has_none() throws IOException {
        then(ProjectSettings.defaultLocation(project, NOTHING)).isEmpty();
        Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        then(ProjectSettings.defaultLocation(project, NOTHING))
                .contains("filesystem:" + project.resolve("src/main/resources/db/migration"));
    }

    private ProjectSettings.Found read(List<Path> files, Optional<String> environment, List<String> profiles,
                                       Map<String, String> variables) {
        return ProjectSettings.read(new ProjectSettings.Request(project, files, environment, profiles, variables),
                NOTHING);
    }

    private Path write(String name, String content) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
