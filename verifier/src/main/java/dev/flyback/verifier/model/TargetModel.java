package dev.flyback.verifier.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

import org.apiguardian.api.API;

/**
 * The schema as the team wants it: a SQL file of the whole schema, or JPA entities that Hibernate turns into DDL.
 *
 * @since 0.4
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.4")
public sealed interface TargetModel {

    /** The schema a SQL file creates on an empty database ({@code schema.sql}: every object as it should be). */
    static TargetModel schemaFile(Path file) {
        return new SchemaFile(file);
    }

    /**
     * The tables, columns, keys, indexes, sequences and enums Hibernate's schema export writes for the JPA entities in
     * these packages (and below), found on the class loader the comparison is given.
     */
    static TargetModel entities(List<String> packages) {
        return new Entities(packages);
    }

    /** For humans: {@code schema.sql}, {@code the entities of com.example.model}. */
    String describe();

    /** The same target as {@code flyback new --autogenerate} takes it: {@code --target-schema schema.sql}. */
    String option();

    /**
     * A schema file.
     *
     * @param file the file
     */
    record SchemaFile(Path file) implements TargetModel {
        public SchemaFile {
            requireNonNull(file, "file must not be null");
        }

        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public String option() {
            return "--target-schema " + file;
        }
    }

    /**
     * JPA entities.
     *
     * @param packages the packages whose entities count
     */
    record Entities(List<String> packages) implements TargetModel {
        public Entities {
            packages = List.copyOf(packages);
            if (packages.isEmpty()) {
                throw new IllegalArgumentException("name at least one package of JPA entities");
            }
        }

        @Override
        public String describe() {
            return "the entities of " + String.join(", ", packages);
        }

        @Override
        public String option() {
            return "--target-entities " + String.join(",", packages);
        }
    }
}
