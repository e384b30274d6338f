package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.flyback.verifier.Scenarios;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.report.GithubAnnotations;

/** The reports CI systems read, written by one real run over a folder whose undo leaves an index behind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CiReportTests {
    @TempDir
    static Path reports;
    private int exit;

    @BeforeAll
    void run_verify_with_every_format() {
        exit = FlybackCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter()))
                .execute("verify", "--locations", "filesystem:src/test/resources/scenarios/reup_failed",
                        "--format", "junit,markdown,sarif", "--output", reports.toString(),
                        "--checks", "reversibility,reapply,indexes");
    }

    @Test
    void junit_xml_has_one_test_case_per_revision_and_check_failing_with_the_rendered_finding() throws Exception {
        then(exit).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("flyback-report.xml").toFile());
        NodeList cases = xml.getElementsByTagName("testcase");
        then(cases.getLength()).isEqualTo(1 + 3 * 3);
        then(((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("failures")).isEqualTo("2");
        Element reversibility = testCase(cases, "V2__index_name: reversibility");
        Element failure = (Element) reversibility.getElementsByTagName("failure").item(0);
        then(failure.getAttribute("type")).isEqualTo("LEFTOVER_INDEX");
        then(failure.getTextContent()).contains("DROP INDEX IF EXISTS public.ix_users_name;")
                .contains("Rules:\n  LEFTOVER: the undo left an object behind (LEFTOVER_INDEX, LEFTOVER_ENUM,");
        then(testCase(cases, "V2__index_name: reapply").getElementsByTagName("failure").item(0).getTextContent())
                .contains("REUP_FAILED");
        then(testCase(cases, "V3__add_tags: reversibility").getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void sarif_has_rules_with_help_and_results_located_at_the_migration_file() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(reports.resolve("flyback-report.sarif").toFile());
        then(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        then(run.get("tool").get("driver").get("name").asText()).isEqualTo("Flyback");
        then(run.get("tool").get("driver").get("rules")).extracting(r -> r.get("id").asText())
                .containsExactly("LEFTOVER_INDEX", "REUP_FAILED");
        JsonNode rule = run.get("tool").get("driver").get("rules").get(1);
        then(rule.get("fullDescription").get("text").asText())
                .as("the registry's words, as in the README's rule table")
                .isEqualTo("the revision could not be applied again after its undo (Flyback rebuilds the database "
                        + "and goes on)");
        then(rule.get("help").get("markdown").asText()).isEqualTo(rule.get("fullDescription").get("text").asText());
        JsonNode leftover = run.get("results").get(0);
        then(leftover.get("level").asText()).isEqualTo("error");
        JsonNode location = leftover.get("locations").get(0).get("physicalLocation");
        then(location.get("artifactLocation").get("uri").asText())
                .isEqualTo("src/test/resources/scenarios/reup_failed/U2__index_name.sql");
        JsonNode reupFailed = run.get("results").get(1).get("locations").get(0).get("physicalLocation");
        then(reupFailed.get("artifactLocation").get("uri").asText()).endsWith("reup_failed/V2__index_name.sql");
        then(reupFailed.get("region").get("startLine").asInt()).isEqualTo(1);
    }

    @Test
    void sarif_is_valid_against_the_official_sarif_2_1_0_schema_and_the_validator_catches_a_broken_file()
            throws Exception {
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode sarif = json.readTree(reports.resolve("flyback-report.sarif").toFile());

        then(schema.validate(sarif)).isEmpty();

        ObjectNode broken = sarif.deepCopy();
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        then(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void junit_xml_is_valid_against_the_legacy_junit_report_schema_and_the_validator_catches_a_broken_file()
            throws Exception {
        Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/schemas/junit-legacy-report.xsd")).newValidator();

        validator.validate(new StreamSource(reports.resolve("flyback-report.xml").toFile()));

        String broken = Files.readString(reports.resolve("flyback-report.xml")).replaceFirst(" classname=\"[^\"]*\"", "");
        org.assertj.core.api.BDDAssertions.thenThrownBy(() -> validator.validate(new StreamSource(
                new java.io.StringReader(broken)))).isInstanceOf(SAXException.class).hasMessageContaining("classname");
    }

    @Test
    void markdown_has_the_verdict_a_table_and_collapsible_findings() throws Exception {
        String markdown = Files.readString(reports.resolve("flyback-report.md"));
        then(markdown).startsWith("## Flyback: ❌ FAILED: 3 revision(s), 2 error(s)")
                .contains("| `V2__index_name` | `U2__index_name.sql` | +1 index | ✅ | ✅ | ❌ | error `LEFTOVER_INDEX`, "
                        + "error `REUP_FAILED` |")
                .contains("<details><summary>2 finding(s)</summary>");
    }

    @Test
    void github_annotations_point_at_file_and_line() {
        String annotations = GithubAnnotations.render(Scenarios.verify("fk_without_index", Check.INDEXES));
        then(annotations).startsWith("::warning file=src/test/resources/scenarios/fk_without_index/V2__change.sql,"
                + "line=11,title=FK_WITHOUT_INDEX::V2__change: foreign key notes_author_id_fkey");
        then(annotations.lines()).hasSize(2);
    }

    private static Element testCase(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element element = (Element) cases.item(i);
            if (element.getAttribute("name").equals(name)) {
                return element;
            }
        }
        throw new AssertionError("No test case " + name);
    }
}
