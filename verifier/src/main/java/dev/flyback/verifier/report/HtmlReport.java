package dev.flyback.verifier.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * One self-contained HTML file (no script, font or image from anywhere: it works offline and as a CI artifact):
 * the verdict, the findings errors first, then one section per revision, the failing ones first, each with its up and
 * undo scripts, the before and after of every object a finding is about, side by side, what the revision changed, and
 * a diagram of the tables it touched with their keys (drawn in HTML, so that no Graphviz is needed; with SchemaCrawler's
 * picture too when the run made one, see {@link dev.flyback.verifier.VerifierConfig#diagrams()}), and the safety
 * checklist.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HtmlReport {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;\
            padding:1.5rem;color:#1d2330}
            h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd}
            h3{font-size:1rem;margin:1.2rem 0 .4rem}
            .verdict{padding:.6rem .9rem;border-radius:6px;font-weight:600}.passed{background:#e6f4ea}\
            .failed{background:#fde8e8}
            .finding{border-left:4px solid #999;padding:.3rem .8rem;margin:.6rem 0;background:#fafafa}
            .finding.error{border-color:#d93025}.finding.warning{border-color:#f9ab00}.finding.info{border-color:#1a73e8}
            pre{white-space:pre-wrap;word-break:break-word;margin:.3rem 0;font:12.5px/1.4 ui-monospace,monospace}
            .side{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}.side>div{background:#f6f8fa;padding:.4rem .6rem;\
            border-radius:4px}
            .side h4{margin:0;font-size:.8rem;color:#555}
            table.changes{border-collapse:collapse;width:100%}table.changes td{border-top:1px solid #eee;padding:.2rem .4rem;\
            vertical-align:top}
            .add{color:#137333}.del{color:#a50e0e}.chg{color:#8a5a00}
            .tables{display:flex;flex-wrap:wrap;gap:.8rem}.box{border:1px solid #5f6368;border-radius:4px;min-width:14rem}
            .box b{display:block;background:#e8eaed;padding:.2rem .5rem}.box div{padding:.1rem .5rem;font-size:.9rem}
            .key{color:#1a73e8}details{margin:.3rem 0}summary{cursor:pointer}
            ul.checklist,ul.index{list-style:none;padding-left:0}ul.checklist span{font-family:monospace}
            ul.index li{border-left:4px solid #999;padding:.1rem .6rem;margin:.2rem 0}ul.index li.error{border-color:#d93025}
            ul.index li.warning{border-color:#f9ab00}ul.index li.info{border-color:#1a73e8}
            .ok{color:#137333;font-weight:600}.bad{color:#d93025;font-weight:600}
            figure.schema{margin:.8rem 0;overflow-x:auto}figure.schema svg{max-width:100%;height:auto}\
            figure.schema figcaption{font-size:.8rem;color:#555}
            """;

    private HtmlReport() {
    }

    /** The report as one HTML document. */
    public static String render(VerificationResult result, Severity failOn) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Flyback report</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Flyback report</h1>\n<p>").append(escape(result.revisions().size() + " revision(s) on "
                + result.database())).append("</p>\n");
        html.append("<p class=\"verdict ").append(result.passes(failOn) ? "passed" : "failed").append("\" id=\"verdict\">")
                .append(escape(TextReport.verdict(result, failOn))).append("</p>\n");
        List<Finding> findings = result.findingsBySeverity();
        if (!findings.isEmpty()) {
            // one line each, errors first, linking to the revision where the finding is shown in full
            html.append("<h2>Findings</h2>\n<ul class=\"index\">\n");
            for (Finding finding : findings) {
                html.append("<li class=\"").append(finding.severity().displayName()).append("\"><a href=\"#")
                        .append(escape(finding.migration())).append("\">").append(escape(finding.severity()
                        .displayName() + " " + finding.rule() + " " + finding.migration())).append("</a>: ")
                        .append(escape(finding.summary())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<h2>Revisions</h2>\n");
        List<RevisionResult> revisions = new ArrayList<>(result.revisions());
        // the failing revisions first, in their order, so that what to fix is at the top
        revisions.sort(Comparator.comparingInt(r -> worst(r, result)));
        for (RevisionResult revision : revisions) {
            revision(html, revision, result);
        }
        html.append("<h2>Safety checklist</h2>\n<ul class=\"checklist\">\n");
        for (SafetyChecklist.Item item : SafetyChecklist.of(result)) {
            html.append("<li>").append(item.status() == SafetyChecklist.Status.DONE ? "<span class=\"ok\">[x]</span>"
                    : item.status() == SafetyChecklist.Status.FAILED ? "<span class=\"bad\">[ ]</span>"
                    : "<span>[?]</span>").append(" <b>")
                    .append(escape(item.text())).append("</b>: ").append(escape(item.evidence())).append("</li>\n");
        }
        html.append("</ul>\n");
        if (result.released().isPresent()) {
            List<String> plan = SafetyChecklist.rollbackPlan(result);
            html.append("<h2>Rollback plan</h2>\n<p>").append(escape(plan.isEmpty() ? "Every revision is released: "
                    + "nothing to roll back." : plan.size() + " revision(s) not yet released; roll back in this order:"))
                    .append("</p>\n<ol>\n");
            plan.forEach(step -> html.append("<li>").append(escape(step)).append("</li>\n"));
            html.append("</ol>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static int worst(RevisionResult revision, VerificationResult result) {
        return findingsOf(revision, result).stream().map(f -> switch (f.severity()) {
            case ERROR -> 0;
            case WARNING -> 1;
            case INFO -> 2;
        }).min(Integer::compare).orElse(3);
    }

    private static List<Finding> findingsOf(RevisionResult revision, VerificationResult result) {
        return result.findingsBySeverity().stream().filter(f -> f.version().equals(revision.revision().version()))
                .toList();
    }

    private static void finding(StringBuilder html, Finding finding) {
        html.append("<div class=\"finding ").append(finding.severity().displayName()).append("\"><pre>")
                .append(escape(FindingMessages.render(finding))).append("</pre>");
        if (finding.expected().isPresent() && finding.actual().isPresent()) {
            html.append("<div class=\"side\"><div><h4>expected</h4><pre>")
                    .append(escape(finding.expected().orElse("")))
                    .append("</pre></div><div><h4>actual</h4><pre>").append(escape(finding.actual().orElse("")))
                    .append("</pre></div></div>");
        }
        html.append("</div>\n");
    }

    private static void revision(StringBuilder html, RevisionResult revision, VerificationResult result) {
        String name = revision.revision().displayName();
        List<Finding> own = findingsOf(revision, result);
        html.append("<section class=\"revision\" id=\"").append(escape(name)).append("\"><h3>")
                .append(escape(name)).append("</h3>\n<p>up ").append(step(revision, StepOutcome.Step.UP))
                .append(", undo ").append(step(revision, StepOutcome.Step.DOWN)).append(", up again ")
                .append(step(revision, StepOutcome.Step.REUP)).append(own.isEmpty() ? "" : ", " + own.size()
                + " finding(s)").append("</p>\n");
        for (Finding finding : own) {
            finding(html, finding);
        }
        if (!revision.changes().isEmpty()) {
            html.append("<details open><summary>What it changes</summary><table class=\"changes\">\n");
            for (SchemaDifference change : revision.changes()) {
                change(html, change);
            }
            html.append("</table></details>\n");
            diagram(html, revision.changes());
        }
        revision.diagram().ifPresent(svg -> html.append("<figure class=\"schema\" aria-label=\"diagram of the tables ")
                .append(escape(name)).append(" touched\">").append(svg).append("<figcaption>The tables ")
                .append(escape(name)).append(" touched, as they are after it, with the tables they reference ")
                .append("(drawn by SchemaCrawler and Graphviz)</figcaption></figure>\n"));
        script(html, "Up: " + revision.revision().script(), revision.revision().file());
        revision.revision().undo().ifPresentOrElse(undo -> script(html, "Undo: " + undo.script(), undo.file()),
                () -> html.append("<p>No undo script.</p>\n"));
        html.append("</section>\n");
    }

    private static void change(StringBuilder html, SchemaDifference change) {
        SchemaObject subject = change.subject();
        if (change instanceof SchemaDifference.Added) {
            html.append("<tr><td class=\"add\">+</td><td>").append(escape(subject.describe())).append("</td><td><pre>")
                    .append(escape(definition(subject))).append("</pre></td></tr>\n");
        } else if (change instanceof SchemaDifference.Removed) {
            html.append("<tr><td class=\"del\">−</td><td>").append(escape(subject.describe())).append("</td><td><pre>")
                    .append(escape(definition(subject))).append("</pre></td></tr>\n");
        } else {
            SchemaDifference.Changed changed = (SchemaDifference.Changed) change;
            html.append("<tr><td class=\"chg\">~</td><td>").append(escape(subject.describe()))
                    .append(changed.renamed() ? escape(" (was " + changed.before().qualifiedName() + ")") : "")
                    .append("</td><td><div class=\"side\"><div><h4>before</h4><pre>");
            changed.changes().forEach((key, value) -> html.append(escape(key + ": " + value.before().strip()))
                    .append('\n'));
            html.append("</pre></div><div><h4>after</h4><pre>");
            changed.changes().forEach((key, value) -> html.append(escape(key + ": " + value.after().strip()))
                    .append('\n'));
            html.append("</pre></div></div></td></tr>\n");
        }
    }

    /** The tables the revision touched, each with the columns, keys and indexes it added, removed or changed. */
    private static void diagram(StringBuilder html, List<SchemaDifference> changes) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (SchemaDifference change : changes) {
            SchemaObject subject = change.subject();
            String sign = change instanceof SchemaDifference.Added ? "+ "
                    : change instanceof SchemaDifference.Removed ? "− " : "~ ";
            if (subject.type() == ObjectType.TABLE) {
                tables.computeIfAbsent(subject.schema() + "." + subject.name(), t -> new ArrayList<>());
            } else if (subject.table().isPresent()) {
                String line = sign + subject.name() + (subject.type() == ObjectType.COLUMN
                        ? subject.property("type").map(t -> " " + t).orElse("")
                        : " (" + subject.type().displayName() + ")" + key(subject));
                tables.computeIfAbsent(subject.schema() + "." + subject.table().get(), t -> new ArrayList<>())
                        .add(line);
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        html.append("<div class=\"tables\" aria-label=\"tables this revision touched\">\n");
        tables.forEach((table, lines) -> {
            html.append("<div class=\"box\"><b>").append(escape(table)).append("</b>");
            lines.forEach(line -> html.append("<div").append(line.contains("KEY") ? " class=\"key\"" : "")
                    .append('>').append(escape(line)).append("</div>"));
            html.append("</div>\n");
        });
        html.append("</div>\n");
    }

    private static String key(SchemaObject subject) {
        Optional<String> definition = subject.property("definition");
        if (definition.isEmpty()) {
            return "";
        }
        String text = definition.get();
        int references = text.indexOf("REFERENCES");
        if (text.startsWith("FOREIGN KEY") && references > 0) {
            return ": FOREIGN KEY → " + text.substring(references + 11).strip();
        }
        return text.startsWith("PRIMARY KEY") || text.startsWith("UNIQUE") ? ": " + text.strip() : "";
    }

    private static String definition(SchemaObject subject) {
        return subject.property("definition").or(() -> subject.property("type")).orElse("").strip();
    }

    private static void script(StringBuilder html, String title, Optional<Path> file) {
        html.append("<details><summary>").append(escape(title)).append("</summary><pre>");
        if (file.isPresent()) {
            try {
                html.append(escape(Files.readString(file.get(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                html.append(escape("(could not read " + file.get() + ": " + e.getMessage() + ")"));
            }
        } else {
            html.append("(a Java migration, or a script on the class path)");
        }
        html.append("</pre></details>\n");
    }

    /** Words, not emoji: a machine without an emoji font (a CI runner) draws those as empty boxes. */
    private static String step(RevisionResult revision, StepOutcome.Step step) {
        return revision.step(step).map(s -> s.status() == StepOutcome.Status.SUCCEEDED
                ? "<span class=\"ok\">passed</span>" : s.status() == StepOutcome.Status.FAILED
                ? "<span class=\"bad\">failed</span>" : "<span>not run</span>").orElse("<span>not run</span>");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
