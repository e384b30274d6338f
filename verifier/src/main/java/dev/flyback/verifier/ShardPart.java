package dev.flyback.verifier;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.internal.check.NotValidatedKey;

/**
 * What a shard's result carries beyond its revisions, for {@code flyback merge-reports} to join the shards into the
 * result one run would have given (issue 18).
 *
 * @param shard which part of the history this is
 * @param history every revision of the whole history, in order, as its script and checksum: the shards of one
 *                matrix must agree on it
 * @param unreachable when the shard proved nothing: the failure of a revision before its range, which the shard that
 *                    holds it reports
 * @param notValidatedAtHead the foreign keys still NOT VALID after the last revision, when this shard proved it:
 *                           only the merge knows which revision added each
 * @param severities the severity per rule the run was told, which the merge applies to what it finds
 * @param notJudged the versions released before {@code --since}, whose findings the run leaves out
 * @param startState a digest of the database after reaching the shard's first revision (schema, rows, sequences,
 *                   the seeder's next rows); empty for the first shard or one that proved nothing
 * @param endState the same after its last revision; empty for the last shard or one that proved nothing
 * @since 0.6
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.6")
public record ShardPart(Shard shard, List<String> history, Optional<String> unreachable,
                        Optional<List<NotValidatedKey>> notValidatedAtHead, Map<String, Optional<Severity>> severities,
                        Set<String> notJudged, Optional<String> startState, Optional<String> endState) {

    public ShardPart {
        requireNonNull(shard, "shard must not be null");
        history = List.copyOf(history);
        requireNonNull(unreachable, "unreachable must not be null");
        notValidatedAtHead = notValidatedAtHead.map(List::copyOf);
        severities = Map.copyOf(severities);
        notJudged = Set.copyOf(notJudged);
        requireNonNull(startState, "startState must not be null");
        requireNonNull(endState, "endState must not be null");
    }
}
