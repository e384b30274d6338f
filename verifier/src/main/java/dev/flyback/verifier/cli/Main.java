package dev.flyback.verifier.cli;

import org.apiguardian.api.API;

/**
 * The {@code flyback} command line: {@code java -jar flyback.jar verify --locations filesystem:db/migration}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Main {

    private Main() {
    }

    /**
     * Runs the command line and exits with its code (0 ok, 1 findings, 2 usage, 3 infrastructure). A {@code .env}
     * file in the working directory (or {@code FLYBACK_ENV_FILE}) supplies {@code FLYBACK_*} settings the
     * environment does not.
     */
    public static void main(String[] args) {
        try {
            DotEnv.load(System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println("flyback: " + e.getMessage());
            System.exit(FlybackCommand.USAGE);
        }
        if (args.length > 0 && args[0].equals("verify") && java.util.Arrays.asList(args).contains("--verbose")) {
            // before any logger exists: the log levels of the bundled slf4j-simple are read when one is created
            System.setProperty(dev.flyback.verifier.migration.FlywayLogs.PROPERTY, "verbose");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "info");
        }
        System.exit(FlybackCommand.commandLine().execute(args));
    }
}
