package dev.flyback.verifier.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;

/**
 * The safety checklist the team's migration guide ends each migration with, ticked by the evidence of the run: an
 * item is done only when Flyback's proof covers it, failed when a finding says otherwise, and the team's to confirm
 * when Flyback cannot know (a review, a backup). Every report ends with it (issue 15).
 */
final class SafetyChecklist {

    /** How an item stands. */
    enum Status {
        DONE("[x]", "✅"), FAILED("[ ]", "❌"), TEAM("[?]", "❔");

        private final String text;
        private final String markdown;

        Status(String text, String markdown) {
            this.text = text;
            this.markdown = markdown;
        }
    }

    /** One item of the guide's checklist, how it stands and why. */
    record Item(String text, Status status, String evidence) {
    }

    private SafetyChecklist() {
    }

    static List<Item> of(VerificationResult result) {
        List<RevisionResult> revisions = result.revisions();
        boolean allApplied = !revisions.isEmpty() && revisions.stream().allMatch(RevisionResult::applied);
        List<Item> items = new ArrayList<>();
        items.add(new Item("Reviewed and tested on a dev database", Status.TEAM, allApplied
                ? "Flyback applied all " + revisions.size() + " revision(s) on a disposable PostgreSQL; the review "
                + "is the team's to confirm" : "not every revision could be applied; the review is the team's"));

        long undoFindings = count(result, f -> f.severity() == Severity.ERROR && (f.type().check() == Check.REVERSIBILITY
                || f.type().check() == Check.REAPPLY));
        boolean undone = !revisions.isEmpty() && revisions.stream().allMatch(r -> succeeded(r, StepOutcome.Step.DOWN)
                && succeeded(r, StepOutcome.Step.REUP));
        Item downgrade = !result.checks().contains(Check.REVERSIBILITY)
                ? new Item("Downgrade tested", Status.TEAM, "the reversibility check did not run")
                : undoFindings > 0 || !undone
                ? new Item("Downgrade tested", Status.FAILED, undoFindings + " error(s) from the undo or the second up")
                : new Item("Downgrade tested", Status.DONE, "every undo restored the schema and every revision "
                + "applied again");
        items.add(downgrade);

        long lossFindings = count(result, f -> f.type().check() == Check.DATA_LOSS
                && f.severity().isAtLeast(Severity.WARNING));
        items.add(!result.checks().contains(Check.DATA_LOSS)
                ? new Item("No data loss", Status.TEAM, "the data-loss check did not run")
                : lossFindings > 0
                ? new Item("No data loss", Status.FAILED, lossFindings + " data finding(s) at warning or error")
                : new Item("No data loss", Status.DONE, "no data finding at warning or error, and seeded rows "
                + "survived each up and came back with each undo"));

        long indexFindings = count(result, f -> f.type() == FindingType.FK_WITHOUT_INDEX
                || f.type() == FindingType.INVALID_INDEX);
        items.add(!result.checks().contains(Check.INDEXES)
                ? new Item("Indexes for new query patterns", Status.TEAM, "the index check did not run")
                : indexFindings > 0
                ? new Item("Indexes for new query patterns", Status.FAILED, indexFindings + " foreign key(s) without "
                + "an index or invalid index(es)")
                : new Item("Indexes for new query patterns", Status.TEAM, "every foreign key has an index; the "
                + "queries the application will run are the team's to judge"));

        long missingKeys = count(result, f -> f.type() == FindingType.MISSING_FOREIGN_KEY
                || f.type() == FindingType.FK_TYPE_MISMATCH || f.type() == FindingType.FK_DUPLICATE
                || f.type() == FindingType.FK_SET_NULL_ON_NOT_NULL || f.type() == FindingType.FK_NOT_VALIDATED);
        items.add(new Item("Foreign keys defined", missingKeys > 0 ? Status.FAILED : Status.TEAM, missingKeys > 0
                ? missingKeys + " column(s) that look like references without a foreign key, or keys of another "
                + "type than their target, repeated, never validated or setting a NOT NULL column to NULL"
                : "no column looks like a reference without one; intent is the team's"));

        items.add(new Item("Backup taken", Status.TEAM, "the team's to confirm before deploying"));

        boolean everyUndo = revisions.stream().allMatch(r -> r.revision().undo().isPresent());
        items.add(everyUndo && downgrade.status() == Status.DONE
                ? new Item("Deployment plan includes a rollback procedure", Status.DONE, "every revision has a "
                + "tested undo script; run them newest first to roll back")
                : new Item("Deployment plan includes a rollback procedure", everyUndo ? Status.TEAM : Status.FAILED,
                everyUndo ? "the undo scripts exist but were not all proven" : "some revision has no undo script"));
        return items;
    }

    /**
     * The rollback plan for the revisions not yet released, newest first: each undo script, the locks it takes and
     * what it cannot restore. Empty when the run was not told what is released ({@code --since}).
     */
    static List<String> rollbackPlan(VerificationResult result) {
        if (result.released().isEmpty()) {
            return List.of();
        }
        List<RevisionResult> unreleased = new ArrayList<>(result.revisions().stream()
                .filter(r -> !result.released().get().contains(r.revision().version())).toList());
        java.util.Collections.reverse(unreleased);
        List<String> steps = new ArrayList<>();
        for (RevisionResult revision : unreleased) {
            String version = revision.revision().version();
            if (revision.revision().undo().isEmpty()) {
                steps.add(revision.revision().displayName() + " has no undo script: rolling back past it needs a "
                        + "procedure of its own");
                continue;
            }
            String undo = revision.revision().undo().get().script();
            List<String> locks = result.findings().stream().filter(f -> f.version().equals(version)
                    && f.type().check() == Check.ONLINE && f.file().filter(undo::equals).isPresent())
                    .map(Finding::summary).toList();
            List<String> lost = result.findings().stream().filter(f -> f.version().equals(version)
                    && f.type().check() == Check.DATA_LOSS && LOST.contains(f.type())).map(Finding::summary).toList();
            steps.add("run " + undo + " (undoes " + revision.revision().displayName() + "); locks: "
                    + (locks.isEmpty() ? "none that blocks traffic" : String.join("; ", locks))
                    + "; cannot restore: " + (lost.isEmpty() ? "nothing found" : String.join("; ", lost)));
        }
        return steps;
    }

    private static final java.util.Set<FindingType> LOST = java.util.EnumSet.of(FindingType.ROLLBACK_DISCARDS_DATA,
            FindingType.DATA_NOT_RESTORED, FindingType.ROWS_LOST, FindingType.VALUES_LOST, FindingType.DROPS_TABLE,
            FindingType.DROPS_COLUMN, FindingType.DROPS_SCHEMA, FindingType.NARROWS_COLUMN,
            FindingType.DROPS_ENUM_VALUE, FindingType.DELETES_ALL_ROWS);

    private static String planTitle(VerificationResult result, int steps) {
        return steps == 0 ? "Rollback plan: every revision is released, nothing to roll back"
                : "Rollback plan for the " + steps + " revision(s) not yet released, in this order";
    }

    static String text(VerificationResult result) {
        StringBuilder text = new StringBuilder("Safety checklist ([x] proven by this run, [ ] contradicted by a "
                + "finding, [?] the team's to confirm):\n");
        for (Item item : of(result)) {
            text.append("  ").append(item.status().text).append(' ').append(item.text()).append(": ")
                    .append(item.evidence()).append('\n');
        }
        if (result.released().isPresent()) {
            List<String> plan = rollbackPlan(result);
            text.append(planTitle(result, plan.size())).append(plan.isEmpty() ? "\n" : ":\n");
            for (int i = 0; i < plan.size(); i++) {
                text.append("  ").append(i + 1).append(". ").append(plan.get(i)).append('\n');
            }
        }
        return text.toString();
    }

    static String markdown(VerificationResult result) {
        StringBuilder md = new StringBuilder("\n### Safety checklist\n\n");
        for (Item item : of(result)) {
            md.append("- ").append(item.status().markdown).append(" **").append(item.text()).append("**: ")
                    .append(item.evidence()).append('\n');
        }
        if (result.released().isPresent()) {
            List<String> plan = rollbackPlan(result);
            md.append("\n### ").append(planTitle(result, plan.size())).append("\n\n");
            for (int i = 0; i < plan.size(); i++) {
                md.append(i + 1).append(". ").append(plan.get(i)).append('\n');
            }
        }
        return md.toString();
    }

    private static boolean succeeded(RevisionResult revision, StepOutcome.Step step) {
        return revision.step(step).map(s -> s.status() == StepOutcome.Status.SUCCEEDED).orElse(false);
    }

    private static long count(VerificationResult result, Predicate<Finding> matching) {
        return result.findings().stream().filter(matching).count();
    }
}
