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

    /** Runs the command line and exits with its code (0 ok, 1 findings, 2 usage, 3 infrastructure). */
    public static void main(String[] args) {
        System.exit(FlybackCommand.commandLine().execute(args));
    }
}
