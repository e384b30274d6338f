package dev.flyback.verifier.internal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * The peer: Liquibase 4.33 (open source) {@code update-testing-rollback} on the same SQL, one formatted-SQL
 * changeset per revision with the undo script as its rollback. It applies everything, rolls everything back and
 * applies everything again, and compares no schema.
 */
final class LiquibasePeer {
    private static final Pattern VERSIONED = Pattern.compile("^V(\\d+)__(.+)\\.sql$");

    private LiquibasePeer() {
    }

    /** Writes {@code changelog.sql} next to the history's scripts, from its V and U scripts. */
    static Path changelog(Path history, Path into) throws IOException {
        List<Path> ups;
        try (Stream<Path> files = Files.list(history)) {
            ups = files.filter(f -> VERSIONED.matcher(f.getFileName().toString()).matches())
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n\n");
        for (Path up : ups) {
            Matcher matcher = VERSIONED.matcher(up.getFileName().toString());
            matcher.matches();
            Path undo = history.resolve("U" + matcher.group(1) + "__" + matcher.group(2) + ".sql");
            changelog.append("--changeset flyback:").append(matcher.group(1)).append(" splitStatements:false\n")
                    .append(Files.readString(up, StandardCharsets.UTF_8).strip()).append('\n');
            for (String line : Files.readString(undo, StandardCharsets.UTF_8).strip().split("\n")) {
                changelog.append("--rollback ").append(line).append('\n');
            }
            changelog.append('\n');
        }
        Files.createDirectories(into);
        Path file = into.resolve("changelog.sql");
        Files.writeString(file, changelog.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Runs update-testing-rollback of the changelog on the (empty) database. */
    static void updateTestingRollback(Path changelog, DataSource dataSource) throws Exception {
        Logger.getLogger("liquibase").setLevel(Level.WARNING);
        System.setProperty("liquibase.showSummaryOutput", "LOG");
        java.io.PrintStream console = System.out;
        // Liquibase prints its update summary on standard output whatever it is told; the benchmark's own lines
        // are the output here.
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                try (Liquibase liquibase = new Liquibase(changelog.getFileName().toString(),
                        new DirectoryResourceAccessor(changelog.getParent()), database)) {
                    liquibase.updateTestingRollback(new Contexts(), new LabelExpression());
                }
            });
        } finally {
            System.setOut(console);
        }
    }

    private static int version(Path file) {
        Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
