package dev.flyback.verifier;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

import org.apiguardian.api.API;

/**
 * How one step of a revision's proof went.
 *
 * @param step which step
 * @param status whether it ran and succeeded
 * @param duration how long it took, snapshots included
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StepOutcome(Step step, Status status, Duration duration) {

    public StepOutcome {
        requireNonNull(step, "step must not be null");
        requireNonNull(status, "status must not be null");
        requireNonNull(duration, "duration must not be null");
    }

    /** The steps of the proof, in order. */
    public enum Step {
        UP, DOWN, REUP;

        /** The lower-case name used in reports. */
        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether a step ran and how it ended. */
    public enum Status {
        SUCCEEDED, FAILED, SKIPPED;

        /** The lower-case name used in reports. */
        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
