package dev.flyback.verifier.cli;

import java.util.Optional;

import dev.flyback.verifier.database.DatabaseProvider;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.Secret;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How the commands that work on a disposable database get one: provider, PostgreSQL major, image, server. */
final class DatabaseOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--database", paramLabel = "PROVIDER", defaultValue = "${FLYBACK_DATABASE}",
            description = "embedded, testcontainers, external or auto (default: external when --url is given, "
                    + "else embedded).")
    String database;

    @Option(names = "--postgres-version", paramLabel = "MAJOR", defaultValue = "${FLYBACK_POSTGRES_VERSION:-17}",
            description = "PostgreSQL major for the embedded database: 14 to 18 (default: ${DEFAULT-VALUE}).")
    int postgresVersion;

    @Option(names = "--image", defaultValue = "${FLYBACK_IMAGE:-postgres:17}",
            description = "Container image for --database testcontainers (default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--url", defaultValue = "${FLYBACK_URL}",
            description = "JDBC URL of your server for --database external; Flyback works only in a scratch "
                    + "database it creates there (env FLYBACK_URL).")
    String url;

    @Option(names = "--user", defaultValue = "${FLYBACK_USER}", description = "User for --url (env FLYBACK_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${FLYBACK_PASSWORD}", arity = "0..1", interactive = true,
            description = "Password for --url (env FLYBACK_PASSWORD); never printed.")
    String password;

    DatabaseSettings settings() {
        boolean urlGiven = command != null && command.commandLine() != null
                && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption("--url");
        DatabaseProvider provider = DatabaseProvider.parse(database != null ? database
                : urlGiven ? "external" : "embedded");
        if (urlGiven && provider != DatabaseProvider.EXTERNAL) {
            throw new IllegalArgumentException("--url names your server for --database external, but --database is "
                    + database + ": drop --url to work on " + database + ", or use --database external");
        }
        return new DatabaseSettings(provider, postgresVersion, image, Optional.ofNullable(url),
                Optional.ofNullable(user), Optional.ofNullable(password).map(Secret::of));
    }
}
