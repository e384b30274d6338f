package dev.flyback.verifier.internal.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.flyback.verifier.finding.Finding;

/**
 * The schema rules (issue 16, item 2) and what runs them: each query once per revision, with the tables the revision
 * touched as its parameter (the filter runs in the database, so a check costs what the revision changed), its rows
 * about the tables the step judges handed to every rule that reads it, in the order of {@link #ALL}.
 */
final class SchemaRules {
    /** Every schema rule, in the order their findings are reported. */
    static final List<SchemaRule> ALL = List.of(
            new ForeignKeyWithoutIndex(),
            new ForeignKeyTypeMismatch(),
            new TableWithoutPrimaryKey(),
            new RedundantIndex(),
            new InvalidIndex(),
            new MissingForeignKey(),
            new DuplicateForeignKey(),
            new SetNullOnNotNull());

    private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();

    private SchemaRules() {
    }

    /** The findings of {@code rules} about the tables the revision touched. */
    static List<Finding> run(List<SchemaRule> rules, CheckContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        Optional<Set<String>> judged = context.judgedTables();
        if (judged.map(Set::isEmpty).orElse(false)) {
            return findings;
        }
        Map<String, List<SchemaRule>> byQuery = new LinkedHashMap<>();
        rules.forEach(rule -> byQuery.computeIfAbsent(rule.query(), q -> new ArrayList<>()).add(rule));
        Connection connection = context.connection();
        RuleContext ruleContext = RuleContext.of(context);
        try {
            for (Map.Entry<String, List<SchemaRule>> query : byQuery.entrySet()) {
                try (PreparedStatement statement = connection.prepareStatement(sql(query.getKey()))) {
                    statement.setArray(1, judged.isEmpty() ? null
                            : connection.createArrayOf("text", judged.get().toArray()));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            if (context.judges(rows.getString(1), rows.getString(2))) {
                                Row row = row(rows);
                                for (SchemaRule rule : query.getValue()) {
                                    if (judged.isEmpty() || rule.introduced(row, ruleContext)) {
                                        rule.judge(row, ruleContext).ifPresent(findings::add);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (RuleQueryFailed e) {
            throw e.getCause();
        }
        return findings;
    }

    /** The text of a query resource beside the rules, read once. */
    static String sql(String resource) {
        return QUERIES.computeIfAbsent(resource, name -> {
            try (InputStream in = SchemaRules.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("no query " + name + " beside " + SchemaRules.class.getName());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The rows of {@code query} with its one text parameter {@code value} (null: a query without one). */
    static List<Row> lookup(Connection connection, String query, String value) {
        try (PreparedStatement statement = connection.prepareStatement(sql(query))) {
            if (value != null) {
                statement.setString(1, value);
            }
            List<Row> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(row(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new RuleQueryFailed(e);
        }
    }

    private static Row row(ResultSet rows) throws SQLException {
        int columns = rows.getMetaData().getColumnCount();
        List<Object> values = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
            values.add(rows.getObject(column));
        }
        return new Row(values);
    }
}
