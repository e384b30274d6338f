package dev.flyback.verifier.model;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * The next revision of a folder of migrations: {@code V<n>__<slug>.sql} and its {@code U<n>__<slug>.sql}, <i>n</i>
 * one more than the highest integer version there, as {@code flyback new} and {@code mvn flyback:model} write them;
 * from a {@link ModelDrift}, with the drift's statements and what the author must decide as comments.
 *
 * @param version the new version
 * @param up the migration's path
 * @param down the undo's path
 * @param upText the migration's text
 * @param downText the undo's text
 * @since 0.4
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.4")
public record NewRevision(String version, Path up, Path down, String upText, String downText) {
    private static final Pattern VERSIONED = Pattern.compile("^V(\\d+)(?:[._]\\d+)*__.*\\.sql$");
    /** Waits at most 5 s for a lock instead of queueing every query on the table behind it (NO_LOCK_TIMEOUT). */
    private static final String LOCK_TIMEOUT = "SET lock_timeout = '5s';\n";
    private static final String LOCK_TIMEOUT_COMMENT = "-- Waits at most 5 s for a lock instead of queueing every "
            + "query on the table behind it.\n";

    public NewRevision {
        requireNonNull(version, "version must not be null");
        requireNonNull(up, "up must not be null");
        requireNonNull(down, "down must not be null");
        requireNonNull(upText, "upText must not be null");
        requireNonNull(downText, "downText must not be null");
    }

    /**
     * The empty pair a developer fills in: a {@code lock_timeout} line, and a reminder that Flyway refuses it beside
     * {@code CREATE INDEX CONCURRENTLY}, which users met as a failure of this very template.
     */
    public static NewRevision template(String message, Path folder) throws IOException {
        String[] names = names(message, folder);
        return new NewRevision(names[0], folder.resolve(names[1]), folder.resolve(names[2]), "-- "
                + message.strip() + "\n" + LOCK_TIMEOUT_COMMENT + "-- Delete this line if the migration runs CREATE "
                + "INDEX CONCURRENTLY: Flyway refuses to mix them.\n" + LOCK_TIMEOUT + "\n", "-- Undoes " + names[1]
                + ": drop or restore everything it changes.\n" + LOCK_TIMEOUT + "\n");
    }

    /** The pair that closes {@code drift}: its upgrade, and its downgrade as the undo. */
    public static NewRevision closing(ModelDrift drift, String message, Path folder) throws IOException {
        String[] names = names(message, folder);
        String head = drift.head().map(v -> "V" + v).orElse("an empty history");
        String up = script("-- " + message.strip() + "\n-- Written by flyback from the difference between " + head
                        + " and " + drift.target().describe() + ". Review it before you commit it.\n",
                drift.upgradeNotes(), "Decide before you commit (Flyback cannot know the intent):", drift.upgrade(),
                LOCK_TIMEOUT_COMMENT);
        String down = script("-- Undoes " + names[1] + ", written by flyback with it.\n", drift.downgradeNotes(),
                "What this undo cannot bring back:", drift.downgrade(), "");
        return new NewRevision(names[0], folder.resolve(names[1]), folder.resolve(names[2]), up, down);
    }

    /** Writes both files; neither may exist. */
    public void write() throws IOException {
        Files.createDirectories(up.toAbsolutePath().getParent());
        Files.writeString(up, upText, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Files.writeString(down, downText, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    /** The version, the migration's and the undo's file names. */
    private static String[] names(String message, Path folder) throws IOException {
        String slug = message.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("The message must contain letters or digits, e.g. \"add roles\"");
        }
        int next = 1;
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
                    if (matcher.matches()) {
                        next = Math.max(next, Integer.parseInt(matcher.group(1)) + 1);
                    }
                }
            }
        }
        return new String[] {String.valueOf(next), "V" + next + "__" + slug + ".sql", "U" + next + "__" + slug + ".sql"};
    }

    private static String script(String header, List<String> notes, String heading, List<String> statements,
                                 String lockComment) {
        StringBuilder text = new StringBuilder(header);
        if (!notes.isEmpty()) {
            text.append("--\n-- ").append(heading).append('\n');
            notes.forEach(n -> text.append("--   ").append(n).append('\n'));
        }
        text.append(lockComment).append(LOCK_TIMEOUT).append('\n');
        statements.forEach(s -> text.append(s).append('\n'));
        return text.toString();
    }
}
