package dev.flyback.verifier.internal.data;

import java.util.Optional;

/**
 * A SQL expression producing the n-th synthetic value of a PostgreSQL type: distinct for distinct n wherever the
 * type allows (strings start with n's last digits, so that a short varchar still tells rows apart), small enough for its precision, and valid for its own input rules. Types Flyback cannot invent a
 * value for (ranges, geometry, composites) get none, and the column is left to its default or NULL.
 */
final class SyntheticValues {

    private SyntheticValues() {
    }

    /**
     * The expression for one column.
     *
     * @param base the base type's name ({@code int4}, {@code varchar}); a domain's base type
     * @param category the base type's {@code typcategory}
     * @param qualifiedType the base type as SQL names it, for enums
     * @param typmod the type modifier ({@code numeric(p,s)}), or -1
     * @param n a SQL expression giving a positive bigint, different for each row
     */
    static Optional<String> of(String base, String category, String qualifiedType, int typmod, String n) {
        if ("E".equals(category)) {
            String range = "enum_range(NULL::" + qualifiedType + ")";
            return Optional.of("(" + range + ")[1 + (" + n + " % cardinality(" + range + "))]");
        }
        return switch (base) {
            case "int2" -> Optional.of("(" + n + " % 32000)");
            case "int4", "int8", "oid" -> Optional.of(n);
            case "numeric" -> Optional.of(numeric(typmod, n));
            case "float4", "float8" -> Optional.of("(" + n + " + 0.5)");
            case "money" -> Optional.of("(" + n + ")::numeric::money");
            case "bool" -> Optional.of("(" + n + " % 2 = 0)");
            case "text", "varchar", "bpchar", "name", "citext" -> Optional.of("(reverse(" + n + "::text) || '-flyback')");
            case "uuid" -> Optional.of("md5('flyback-' || " + n + ")::uuid");
            case "date" -> Optional.of("(date '2001-01-01' + (" + n + " % 3650)::int)");
            case "timestamp", "timestamptz" -> Optional.of("(timestamp '2001-01-01' + " + n
                    + " * interval '1 minute')");
            case "time", "timetz" -> Optional.of("(time '00:00' + (" + n + " % 1440) * interval '1 minute')");
            case "interval" -> Optional.of("(" + n + " * interval '1 second')");
            case "json" -> Optional.of("json_build_object('flyback', " + n + ")");
            case "jsonb" -> Optional.of("jsonb_build_object('flyback', " + n + ")");
            case "bytea" -> Optional.of("decode(md5(" + n + "::text), 'hex')");
            case "inet" -> Optional.of("('10.0.0.0'::inet + (" + n + " % 16000000))");
            case "cidr" -> Optional.of("set_masklen('10.0.0.0'::inet + (" + n + " % 16000000), 32)::cidr");
            case "xml" -> Optional.of("xmlelement(name flyback, " + n + ")");
            case "tsvector" -> Optional.of("to_tsvector('simple', 'flyback' || " + n + ")");
            default -> Optional.empty();
        };
    }

    /** Fits numeric(p, s): at most p - s integer digits, and half a unit when there is a fraction. */
    private static String numeric(int typmod, String n) {
        if (typmod < 4) {
            return "(" + n + " + 0.5)";
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        int integerDigits = precision - scale;
        if (integerDigits <= 0) {
            return "((" + n + " % 10) / 10.0)";
        }
        long modulus = (long) Math.pow(10, Math.min(integerDigits, 15));
        return "((" + n + " % " + modulus + ")" + (scale > 0 ? " + 0.5" : "") + ")";
    }
}
