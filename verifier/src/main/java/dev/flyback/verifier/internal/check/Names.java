package dev.flyback.verifier.internal.check;

import dev.flyback.verifier.snapshot.Identifiers;

/** How the schema rules name what they find: quoted where SQL needs it, and always quoted in a finding's object. */
final class Names {
    private Names() {
    }

    /** {@code schema.name}, each quoted where SQL needs it. */
    static String qualified(String schema, String name) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    /** {@code "schema"."name"}, as a finding's object. */
    static String object(String schema, String name) {
        return Identifiers.quoteAlways(schema) + "." + Identifiers.quoteAlways(name);
    }

    /** {@code "schema"."table"."name"}, as a finding's object. */
    static String object(String schema, String table, String name) {
        return object(schema, table) + "." + Identifiers.quoteAlways(name);
    }
}
