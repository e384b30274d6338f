package dev.flyback.verifier.finding;

import org.apiguardian.api.API;

/**
 * The kinds of finding, each with a stable meaning. Findings about one schema object carry a rule id that adds the
 * object's kind, such as {@code LEFTOVER_INDEX}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FindingType {
    /** The up migration failed; the run stops at this revision. */
    UP_FAILED(Severity.ERROR, "reversibility"),
    /** The revision has no undo script ({@code U<version>__*.sql}) and no Java {@code down}. */
    UNDO_MISSING(Severity.ERROR, "reversibility"),
    /** An undo script whose version has no versioned migration. */
    UNDO_WITHOUT_MIGRATION(Severity.WARNING, "reversibility"),
    /** The undo failed. */
    UNDO_FAILED(Severity.ERROR, "reversibility"),
    /** After the undo, an object the revision created is still there. */
    LEFTOVER(Severity.ERROR, "reversibility"),
    /** After the undo, an object that existed before the revision is gone. */
    MISSING(Severity.ERROR, "reversibility"),
    /** After the undo, an object differs from how it was before the revision. */
    CHANGED(Severity.ERROR, "reversibility"),
    /** Only the order of a table's columns differs after the undo: information, not a failure. */
    COLUMN_ORDER_CHANGED(Severity.INFO, "reversibility"),
    /** Applying the revision again after its undo failed. */
    REUP_FAILED(Severity.ERROR, "reapply"),
    /** Applying the revision again gave a different schema than the first time. */
    REUP_DIFFERS(Severity.ERROR, "reapply");

    private final Severity defaultSeverity;
    private final String check;

    FindingType(Severity defaultSeverity, String check) {
        this.defaultSeverity = defaultSeverity;
        this.check = check;
    }

    /** The severity a finding of this kind has unless configured otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** The check that raises it: {@code reversibility} or {@code reapply}. */
    public String check() {
        return check;
    }
}
