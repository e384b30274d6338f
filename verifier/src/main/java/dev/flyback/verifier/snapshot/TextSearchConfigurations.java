package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE TEXT SEARCH CONFIGURATION} with its mappings (issue 16: an undo that left one behind failed the
 * second up with a raw {@code duplicate key … pg_ts_config_cfgname_index}). The mappings' rows have no OID; changing
 * them records the configuration's dependencies again, which is how the tracker sees it.
 */
final class TextSearchConfigurations implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.TEXT_SEARCH_CONFIGURATION;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_ts_config"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_ts_config:' || c.oid, n.nspname, NULL, c.cfgname, NULL, jsonb_build_object(
                         'parser', (SELECT pn.nspname || '.' || p.prsname FROM pg_ts_parser p
                                      JOIN pg_namespace pn ON pn.oid = p.prsnamespace WHERE p.oid = c.cfgparser),
                         'mappings', (SELECT string_agg(t.alias || ': ' || m.dicts, '; ' ORDER BY t.alias)
                                        FROM (SELECT mm.maptokentype, string_agg(mm.mapdict::regdictionary::text, ', '
                                                                                 ORDER BY mm.mapseqno) AS dicts
                                                FROM pg_ts_config_map mm WHERE mm.mapcfg = c.oid
                                               GROUP BY mm.maptokentype) m
                                        JOIN ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype)),
                       'pg_ts_config:' || c.oid, c.oid
                  FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP TEXT SEARCH CONFIGURATION IF EXISTS " + object.sqlName() + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        Optional<String> parser = object.property("parser");
        if (parser.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sql = new StringBuilder("CREATE TEXT SEARCH CONFIGURATION " + object.sqlName() + " (PARSER = "
                + parser.get() + ");");
        object.property("mappings").ifPresent(mappings -> {
            for (String mapping : mappings.split("; ")) {
                int colon = mapping.indexOf(": ");
                sql.append("\nALTER TEXT SEARCH CONFIGURATION ").append(object.sqlName()).append(" ADD MAPPING FOR ")
                        .append(mapping, 0, colon).append(" WITH ").append(mapping.substring(colon + 2)).append(';');
            }
        });
        return Optional.of(sql.toString());
    }
}
