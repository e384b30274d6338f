package dev.flyback.verifier.finding;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * A finding a {@code -- flyback:allow RULE reason} comment in its revision's script allows: it does not count, but
 * reports list it, with the reason, so that review sees what was accepted.
 *
 * @param finding the finding
 * @param reason the reason the suppression gives
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record SuppressedFinding(Finding finding, String reason) {
    public SuppressedFinding {
        requireNonNull(finding, "finding must not be null");
        requireNonNull(reason, "reason must not be null");
    }
}
