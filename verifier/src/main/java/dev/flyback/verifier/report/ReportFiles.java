package dev.flyback.verifier.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apiguardian.api.API;

import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Severity;

/**
 * The report files of a verification, written the same way by the CLI ({@code --format}) and the Maven plugin
 * ({@code formats}): {@code flyback-report.<extension>} in one folder.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReportFiles {

    private ReportFiles() {
    }

    /** A report file format. */
    public enum Format {
        /** The text report, as printed. */
        TEXT("txt"),
        /** Every finding and revision as JSON. */
        JSON("json"),
        /** JUnit XML, one test case per revision and check, which CI systems render. */
        JUNIT("xml"),
        /** Markdown for a pull request comment or a job summary. */
        MARKDOWN("md"),
        /** SARIF 2.1.0 for code scanning. */
        SARIF("sarif"),
        /** One self-contained HTML page: findings first, each revision's scripts, differences and tables. */
        HTML("html");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The file name's extension. */
        public String extension() {
            return extension;
        }

        /**
         * The format of this name, in any case.
         *
         * @throws IllegalArgumentException naming the allowed values
         */
        public static Format parse(String value) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(value.trim())) {
                    return format;
                }
            }
            throw new IllegalArgumentException("Unknown report format '" + value + "'; allowed values: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                    .toList()));
        }
    }

    /**
     * Writes one report file into {@code folder}, created when missing.
     *
     * @param threshold the severity that fails the run
     * @param show the lowest severity the text report lists one by one
     * @param toolVersion Flyback's version, for SARIF
     * @return the file written
     * @throws UncheckedIOException when it cannot be written
     */
    public static Path write(Format format, VerificationResult result, Severity threshold, Severity show,
                             String toolVersion, Path folder) {
        String content = switch (format) {
            case JSON -> JsonReport.render(result);
            case JUNIT -> JunitXmlReport.render(result, threshold);
            case MARKDOWN -> MarkdownReport.render(result, threshold);
            case SARIF -> SarifReport.render(result, toolVersion);
            case TEXT -> TextReport.render(result, threshold, show);
            case HTML -> HtmlReport.render(result, threshold);
        };
        Path file = folder.resolve("flyback-report." + format.extension());
        try {
            Files.createDirectories(folder);
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return file;
    }
}
