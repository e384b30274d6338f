package dev.flyback.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.Shard;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseProvider;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.Secret;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.RuleSeverities;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.history.HistorySource;
import dev.flyback.verifier.migration.FlywaySettings;

/** {@link MigrationTest}'s settings after configuration parameters had their say, validated before anything starts. */
record MigrationSettings(FlywaySettings flyway, DatabaseSettings database, Set<Check> checks, Severity failOn,
                         KeepDatabase keep, int seedRows, Optional<Path> seedFixtures, RuleSeverities severities,
                         Optional<HistorySource> reference, Optional<Shard> shard) {

    static MigrationSettings resolve(MigrationTest annotation, ExtensionContext context) {
        String where = "@MigrationTest on " + context.getRequiredTestClass().getName();
        Function<String, Optional<String>> parameter = key -> context.getConfigurationParameter(key)
                .filter(value -> !value.isBlank());
        List<String> locations = parameter.apply("flyback.locations").map(MigrationSettings::split)
                .orElse(List.of(annotation.locations()));
        List<Path> configFiles = parameter.apply("flyback.flyway.config-file")
                .or(() -> nonBlank(annotation.configFile())).map(Path::of).map(List::of).orElse(List.of());
        FlywaySettings flyway = new FlywaySettings(locations, flywayProperties(annotation, where), configFiles, true,
                parameter.apply("flyback.flyway.environment").or(() -> nonBlank(annotation.flywayEnvironment())),
                parameter.apply("flyback.spring.profiles").map(MigrationSettings::split)
                        .orElse(List.of(annotation.springProfiles())), Path.of(""));
        String provider = parameter.apply("flyback.database").or(() -> nonBlank(annotation.database()))
                .orElse("embedded");
        int major = parameter.apply("flyback.postgres.version").map(v -> parseInt(v, "flyback.postgres.version", where))
                .orElse(annotation.postgresVersion() == 0 ? DatabaseSettings.DEFAULT_MAJOR : annotation.postgresVersion());
        String image = parameter.apply("flyback.image").or(() -> nonBlank(annotation.image()))
                .orElse(DatabaseSettings.DEFAULT_IMAGE);
        DatabaseSettings database;
        try {
            database = new DatabaseSettings(parseProvider(provider, where), major, image,
                    parameter.apply("flyback.url").or(() -> env("FLYBACK_URL")),
                    parameter.apply("flyback.user").or(() -> env("FLYBACK_USER")),
                    parameter.apply("flyback.password").or(() -> env("FLYBACK_PASSWORD")).map(Secret::of));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage());
        }
        Set<Check> checks = new LinkedHashSet<>();
        for (String check : parameter.apply("flyback.checks").map(MigrationSettings::split)
                .orElse(annotation.checks().length == 0 ? java.util.Arrays.stream(Check.values()).map(Check::id).toList()
                        : List.of(annotation.checks()))) {
            try {
                checks.add(Check.parse(check));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(where + ": unknown check '" + check
                        + "' in checks (flyback.checks); allowed values: " + Check.allowedValues());
            }
        }
        Severity failOn = parse(parameter.apply("flyback.fail-on").or(() -> nonBlank(annotation.failOn()))
                .orElse("error"), Severity::parse, where, "failOn (flyback.fail-on)");
        KeepDatabase keep = parse(parameter.apply("flyback.database.keep").or(() -> nonBlank(annotation.keep()))
                .orElse("never"), v -> KeepDatabase.valueOf(v.trim().toUpperCase(Locale.ROOT)), where,
                "keep (flyback.database.keep); allowed values: never, on_failure, always");
        int seedRows = parameter.apply("flyback.seed.rows").map(v -> parseRows(v, where))
                .orElse(annotation.seedRows() < 0 ? VerifierConfig.DEFAULT_SEED_ROWS : annotation.seedRows());
        Optional<Path> seedFixtures = parameter.apply("flyback.seed.fixtures").or(() -> nonBlank(annotation.seedFixtures()))
                .map(Path::of);
        try {
            MigrationVerifier.checkSeedFixtures(seedFixtures);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage() + " (seedFixtures, "
                    + "flyback.seed.fixtures)");
        }
        RuleSeverities severities;
        try {
            severities = RuleSeverities.parse(parameter.apply("flyback.severity").map(MigrationSettings::split)
                    .orElse(List.of(annotation.severities())));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage() + " (severities, "
                    + "flyback.severity)");
        }
        Optional<HistorySource> reference;
        try {
            reference = parameter.apply("flyback.reference-history").or(() -> nonBlank(annotation.referenceHistory()))
                    .map(source -> HistorySource.parse(source, parameter.apply("flyback.reference.user")
                            .or(() -> env("FLYBACK_REFERENCE_USER")), parameter.apply("flyback.reference.password")
                            .or(() -> env("FLYBACK_REFERENCE_PASSWORD")).map(Secret::of)));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage() + " (referenceHistory, "
                    + "flyback.reference-history)");
        }
        Optional<Shard> shard;
        try {
            shard = parameter.apply("flyback.shard").map(Shard::parse);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage() + " (flyback.shard)");
        }
        return new MigrationSettings(flyway, database, checks, failOn, keep, seedRows, seedFixtures, severities,
                reference, shard);
    }

    /** The configuration the verifier gets. */
    VerifierConfig.Builder verifierConfig(ClassLoader classLoader) {
        VerifierConfig.Builder builder = VerifierConfig.builder().flyway(flyway).database(database)
                .classLoader(classLoader).checks(checks).seedRows(seedRows).severities(severities);
        seedFixtures.ifPresent(builder::seedFixtures);
        reference.ifPresent(builder::reference);
        return builder;
    }

    private static int parseRows(String value, String where) {
        try {
            int rows = Integer.parseInt(value.trim());
            if (rows >= 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ExtensionConfigurationException(where + ": flyback.seed.rows must be a number of rows, 0 or more, "
                + "was '" + value + "'");
    }

    private static DatabaseProvider parseProvider(String value, String where) {
        try {
            return DatabaseProvider.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": unknown database provider '" + value
                    + "' in database (flyback.database); allowed values: " + DatabaseProvider.allowedValues());
        }
    }

    private static <T> T parse(String value, Function<String, T> parser, String where, String setting) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": invalid value '" + value + "' for " + setting
                    + (setting.contains("allowed") ? "" : "; allowed values: error, warning, info"));
        }
    }

    private static int parseInt(String value, String key, String where) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(where + ": " + key + " must be a number from 14 to 18, was '"
                    + value + "'");
        }
    }

    private static Map<String, String> flywayProperties(MigrationTest annotation, String where) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : annotation.flyway()) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new ExtensionConfigurationException(where + ": flyway entry '" + entry
                        + "' must look like key=value, e.g. flyway.schemas=app");
            }
            properties.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return properties;
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(parts::add);
        return parts;
    }

    private static Optional<String> nonBlank(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
