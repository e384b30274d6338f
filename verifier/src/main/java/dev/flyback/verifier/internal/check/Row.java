package dev.flyback.verifier.internal.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of a rule's query, its columns counted from 1 as in the query's {@code SELECT} list; schema and table come
 * first. A plain value, so that a rule sees no JDBC type.
 */
record Row(List<Object> values) {

    Row {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Column {@code column} (from 1) as text, or null. */
    String string(int column) {
        Object value = values.get(column - 1);
        return value == null ? null : value.toString();
    }

    /** Column {@code column} (from 1) as a boolean; NULL is false. */
    boolean bool(int column) {
        return Boolean.TRUE.equals(values.get(column - 1));
    }

    /** The row's schema (column 1). */
    String schema() {
        return string(1);
    }

    /** The row's table (column 2). */
    String table() {
        return string(2);
    }
}
