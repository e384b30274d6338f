package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.internal.schemacrawler.SchemaCrawlerDiagram;

import picocli.CommandLine;

/**
 * The HTML report opened in a real browser (headless Chromium, Debian's {@code chromium}, which .ci/run installs):
 * the page the browser built shows the failing revision first, with the object's before and after, and the page is
 * drawn (the screenshot has content, not a blank canvas).
 */
class HtmlReportBrowserTests {

    @Test
    void should_show_the_failing_revision_first_with_its_difference_in_chromium(@TempDir Path work) throws Exception {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "No chromium on the PATH, so the browser test is skipped; "
                + ".ci/run installs Debian's chromium package");
        int exit = verify( "--locations",
                "filesystem:src/test/resources/scenarios/leftover_index", "--format", "html", "--output",
                work.toString(), "--checks", "reversibility,reapply");
        then(exit).isEqualTo(1);
        Path report = work.resolve("flyback-report.html");

        String dom = browser(chromium.get(), work, "--dump-dom", report.toUri().toString());
        Path screenshot = work.resolve("report.png");
        browser(chromium.get(), work, "--screenshot=" + screenshot, "--window-size=1200,1400",
                report.toUri().toString());

        then(dom).contains("FAILED: 2 revision(s)");
        int firstSection = dom.indexOf("<section class=\"revision\"");
        then(dom.substring(firstSection, firstSection + 200)).as("the first revision section")
                .contains("id=\"V2__index_email\"");
        then(dom).contains("<a href=\"#V2__index_email\">error LEFTOVER_INDEX V2__index_email</a>");
        then(dom.indexOf("<pre>error LEFTOVER_INDEX V2__index_email")).as("the finding in full, in its revision")
                .isGreaterThan(firstSection).isLessThan(dom.indexOf("id=\"V1__create_users\""));
        then(dom).contains("<h4>expected</h4><pre>&lt;absent&gt;</pre>")
                .contains("<h4>actual</h4><pre>CREATE INDEX ix_users_name ON public.users USING btree (name)</pre>")
                .contains("Safety checklist");
        BufferedImage image = ImageIO.read(screenshot.toFile());
        then(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 400; y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        then(colours.size()).as("colours drawn in the top of the page").isGreaterThan(20);
    }

    @Test
    void should_draw_the_tables_of_a_revision_with_warnings_with_schemacrawler_in_chromium(@TempDir Path work)
            throws Exception {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent() && SchemaCrawlerDiagram.available(), "No chromium or no "
                + "Graphviz 'dot' on the PATH, so the diagram's browser test is skipped; .ci/run installs Debian's "
                + "chromium and graphviz packages");
        int exit = verify("--locations",
                "filesystem:src/test/resources/scenarios/fk_without_index", "--format", "html", "--output",
                work.toString());
        then(exit).isZero();
        Path report = work.resolve("flyback-report.html");

        String dom = browser(chromium.get(), work, "--dump-dom", report.toUri().toString());

        int figure = dom.indexOf("<figure class=\"schema\"");
        then(figure).as("SchemaCrawler's figure").isGreaterThan(dom.indexOf("id=\"V2__change\""));
        String drawing = dom.substring(figure, dom.indexOf("</figure>", figure));
        then(drawing).contains("<svg", "public.orders", "public.notes", "user_id", "author_id", "ix_notes_author")
                .as("the referenced table is drawn too, with its columns").contains("public.users", "email")
                .as("no XML prologue or comment inside the page").doesNotContain("<?xml", "<!--");
        then(dom).as("the revision without warnings is not drawn").containsOnlyOnce("<figure class=\"schema\"");
        // SchemaCrawler fills a table's title row with this colour: seeing it on screen means the SVG was drawn.
        Path screenshot = work.resolve("report.png");
        browser(chromium.get(), work, "--screenshot=" + screenshot, "--window-size=1200,4000",
                report.toUri().toString());
        BufferedImage image = ImageIO.read(screenshot.toFile());
        int titleFill = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                titleFill += (image.getRGB(x, y) & 0xFFFFFF) == 0xE9C2F2 ? 1 : 0;
            }
        }
        then(titleFill).as("pixels of SchemaCrawler's table titles on screen").isGreaterThan(100);
    }

    @Test
    void should_draw_no_diagram_when_asked_for_none(@TempDir Path work) throws Exception {
        int exit = verify("--locations",
                "filesystem:src/test/resources/scenarios/fk_without_index", "--format", "html", "--output",
                work.toString(), "--diagrams", "0");

        then(exit).isZero();
        then(Files.readString(work.resolve("flyback-report.html"))).doesNotContain("<figure class=\"schema\"")
                .as("the report's own drawing of the tables").contains("<div class=\"box\"><b>public.orders</b>");
    }

    /** Runs {@code flyback verify}, its output kept out of the test's log. */
    private static int verify(String... arguments) {
        CommandLine commandLine = FlybackCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        List<String> command = new java.util.ArrayList<>(List.of("verify"));
        command.addAll(List.of(arguments));
        return commandLine.execute(command.toArray(String[]::new));
    }

    private static String browser(String chromium, Path work, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(chromium, "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(arguments));
        Path output = work.resolve("browser-output.txt");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(false)
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        then(process.waitFor(2, TimeUnit.MINUTES)).as("chromium finished").isTrue();
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
