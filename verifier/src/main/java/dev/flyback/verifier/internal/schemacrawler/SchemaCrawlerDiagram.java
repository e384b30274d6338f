package dev.flyback.verifier.internal.schemacrawler;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.flyback.verifier.snapshot.SchemaObject;

import schemacrawler.inclusionrule.RegularExpressionInclusionRule;
import schemacrawler.schema.Catalog;
import schemacrawler.schemacrawler.Identifiers;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.command.text.diagram.options.DiagramOptionsBuilder;
import schemacrawler.tools.command.text.diagram.options.DiagramOutputFormat;
import schemacrawler.tools.command.text.schema.options.SchemaTextDetailType;
import schemacrawler.tools.options.OutputOptionsBuilder;
import schemacrawler.tools.text.formatter.diagram.SchemaDotFormatter;
import schemacrawler.tools.traversal.SchemaTraverser;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import schemacrawler.utility.NamedObjectSort;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * SchemaCrawler's picture of some tables: their columns, primary and foreign keys and indexes, with the tables they
 * reference, drawn by Graphviz as SVG. Graphviz is a program, not a library: without {@code dot} on the PATH there is
 * no picture, and the HTML report draws its own boxes instead (issue 15: the report is complete without it).
 *
 * <p>A drawing costs about 170 ms (SchemaCrawler's crawl of those tables alone, then {@code dot}): ten drawings took
 * 1.7 s of an 11-revision run on the 2-core CI machine, where the whole proof took 1.1 s; so callers draw the
 * revisions worth a picture, not all of them.
 */
public final class SchemaCrawlerDiagram {
    /** Whether {@code dot} answers, asked once per JVM. */
    private static final boolean GRAPHVIZ = graphvizAnswers();

    static {
        QuietLogs.ensure();
    }

    private SchemaCrawlerDiagram() {
    }

    /** Whether Graphviz's {@code dot} is on the PATH, so that {@link #svg} can draw. */
    public static boolean available() {
        return GRAPHVIZ;
    }

    /**
     * The SVG drawing of the given tables and the tables their foreign keys reference, read from the connected
     * database; empty when Graphviz is missing, no table is given, or SchemaCrawler fails (the picture is an extra:
     * a run never fails for it).
     */
    public static Optional<String> svg(Connection connection, Collection<SchemaObject> tables) {
        if (!GRAPHVIZ || tables.isEmpty()) {
            return Optional.empty();
        }
        Set<List<String>> drawn = new LinkedHashSet<>();
        tables.forEach(table -> drawn.add(List.of(table.schema(), table.name())));
        try {
            drawn.addAll(referenced(connection, drawn));
        } catch (SQLException e) {
            return Optional.empty();
        }
        // SchemaCrawler matches a table's full name, quoted where PostgreSQL needs quotes: both spellings are named.
        String names = drawn.stream().flatMap(name -> java.util.stream.Stream.of(name.get(0) + "." + name.get(1),
                quoted(name.get(0)) + "." + quoted(name.get(1)), name.get(0) + "." + quoted(name.get(1)),
                quoted(name.get(0)) + "." + name.get(1))).distinct().map(Pattern::quote)
                .collect(Collectors.joining("|"));
        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeTables(new RegularExpressionInclusionRule("(" + names + ")"))
                        .includeRoutines(new RegularExpressionInclusionRule("^$"))
                        .includeSequences(new RegularExpressionInclusionRule("^$")).toOptions())
                .withLoadOptions(LoadOptionsBuilder.builder()
                        .withSchemaInfoLevel(SchemaInfoLevelBuilder.builder()
                                .withInfoLevel(schemacrawler.schemacrawler.InfoLevel.minimum).withoutRoutines()
                                .setRetrieveTableColumns(true).setRetrievePrimaryKeys(true)
                                .setRetrieveForeignKeys(true).setRetrieveIndexes(true).toOptions())
                        .toOptions());
        Catalog catalog;
        try {
            catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(connection), options);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // SchemaCrawler's own diagram command writes its DOT to a temporary directory it never removes (one per
        // drawing, 16.27.1): its formatter writes to a string here, and Graphviz reads it from a pipe.
        StringWriter dot = new StringWriter();
        SchemaTraverser traverser = new SchemaTraverser();
        traverser.setCatalog(catalog);
        traverser.setHandler(new SchemaDotFormatter(SchemaTextDetailType.details,
                DiagramOptionsBuilder.builder().showFilteredTables().noInfo().toOptions(),
                OutputOptionsBuilder.builder().withOutputFormat(DiagramOutputFormat.scdot).withOutputWriter(dot)
                        .toOptions(), Identifiers.STANDARD));
        traverser.setTablesComparator(NamedObjectSort.alphabetical);
        try {
            traverser.traverse();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return render(dot.toString());
    }

    /**
     * Graphviz's SVG of a DOT text, without the XML prologue and comments, so that it can stand inside an HTML page.
     */
    private static Optional<String> render(String dot) {
        try {
            Process graphviz = new ProcessBuilder("dot", "-Tsvg").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            java.util.concurrent.CompletableFuture<byte[]> svg = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try (java.io.InputStream out = graphviz.getInputStream()) {
                            return out.readAllBytes();
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            try (java.io.OutputStream in = graphviz.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            if (!graphviz.waitFor(30, TimeUnit.SECONDS)) {
                graphviz.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(svg.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            int start = text.indexOf("<svg");
            return graphviz.exitValue() != 0 || start < 0 ? Optional.empty()
                    : Optional.of(text.substring(start).replaceAll("(?s)<!--.*?-->\\s*", "").strip());
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The tables (schema, name) the given tables' foreign keys reference. */
    private static List<List<String>> referenced(Connection connection, Set<List<String>> tables)
            throws SQLException {
        List<List<String>> referenced = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT DISTINCT rn.nspname, r.relname
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
                JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
                WHERE k.contype = 'f'
                  AND (cn.nspname, c.relname) IN (SELECT * FROM unnest(?::text[], ?::text[]))""")) {
            statement.setArray(1, connection.createArrayOf("text", tables.stream().map(t -> t.get(0)).toArray()));
            statement.setArray(2, connection.createArrayOf("text", tables.stream().map(t -> t.get(1)).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    referenced.add(List.of(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return referenced;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static boolean graphvizAnswers() {
        try {
            Process dot = new ProcessBuilder("dot", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!dot.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                dot.destroyForcibly();
                return false;
            }
            return dot.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
