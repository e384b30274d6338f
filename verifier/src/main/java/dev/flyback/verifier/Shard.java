package dev.flyback.verifier;

import org.apiguardian.api.API;

/**
 * One part of a history for one job of a CI matrix: shard {@code index} of {@code count} proves one range of the
 * revisions, reaching its first with the revisions before it; {@code flyback merge-reports} joins the parts' JSON
 * reports into the result one run would have given. Every shard divides the history the same way, by the size of
 * the scripts (issue 18), so the shards need not talk to each other.
 *
 * @param index which part, from 1
 * @param count how many parts
 * @since 0.6
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.6")
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, was " + index + "/" + count);
        }
    }

    /**
     * Reads {@code I/N}, as {@code --shard} and {@code flyback.shard} take it.
     *
     * @throws IllegalArgumentException naming the text and the form it takes
     */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N (2/4: the second of four parts), was '"
                + text + "'");
    }

    /** {@code I/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
