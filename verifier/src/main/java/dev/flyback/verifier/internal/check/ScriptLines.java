package dev.flyback.verifier.internal.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the line of a migration script that mentions an object, so a finding can point at it. */
final class ScriptLines {

    private ScriptLines() {
    }

    /**
     * The first line (1-based) containing all of the words of one of the candidates, tried in order. Words match
     * whole: {@code ix_users_email} is not found in {@code ix_users_email_name}.
     */
    static Optional<Integer> find(Optional<Path> file, List<List<String>> candidates) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (List<String> words : candidates) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).toLowerCase(Locale.ROOT);
                if (words.stream().allMatch(w -> contains(line, w.toLowerCase(Locale.ROOT)))) {
                    return Optional.of(i + 1);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} holds {@code word} not as part of a longer identifier. */
    private static boolean contains(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            boolean startsWord = at == 0 || !identifier(text.charAt(at - 1)) || !identifier(word.charAt(0));
            int end = at + word.length();
            boolean endsWord = end == text.length() || !identifier(text.charAt(end))
                    || !identifier(word.charAt(word.length() - 1));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean identifier(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
