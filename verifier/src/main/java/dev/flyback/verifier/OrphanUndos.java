package dev.flyback.verifier;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.migration.Revision;

/**
 * Connects an undo script whose version has no migration to the migration without undo it was meant for, so that a
 * typo ({@code U15__add_phone.sql} for {@code V5__add_phone.sql}) is one story in two findings, not two mysteries:
 * the same description, or a version one keystroke away (a digit added, dropped, changed or swapped).
 */
final class OrphanUndos {

    private OrphanUndos() {
    }

    /** The migration without undo that {@code undoScript} looks meant for, if exactly one does. */
    static Optional<Revision> meantFor(String undoScript, List<Revision> revisions) {
        List<Revision> candidates = revisions.stream().filter(r -> r.undo().isEmpty() && !r.java())
                .filter(r -> matches(undoScript, r)).toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** The undo script without migration that looks meant for {@code revision}, if exactly one does. */
    static Optional<String> likelyFor(Revision revision, List<String> orphans) {
        List<String> candidates = orphans.stream().filter(u -> matches(u, revision)).toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static boolean matches(String undoScript, Revision revision) {
        String version = undoScript.replaceFirst("^.*?U([^_]+)__.*$", "$1");
        String description = undoScript.replaceFirst("^.*?U[^_]+__", "").replaceFirst("\\.sql$", "");
        String own = revision.displayName().replaceFirst("^V[^_]*__", "");
        return description.equalsIgnoreCase(own) || oneKeystroke(version, revision.version().replace('.', '_'));
    }

    /** Whether two versions differ by one digit added, dropped, changed, or two neighbours swapped. */
    static boolean oneKeystroke(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int count = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    count++;
                    first = first < 0 ? i : first;
                }
            }
            return count == 1 || count == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first);
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }
}
