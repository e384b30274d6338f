package dev.flyback.verifier.check;

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

    /** The first line (1-based) containing all of the words of one of the candidates, tried in order. */
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
                if (words.stream().allMatch(w -> line.contains(w.toLowerCase(Locale.ROOT)))) {
                    return Optional.of(i + 1);
                }
            }
        }
        return Optional.empty();
    }
}
