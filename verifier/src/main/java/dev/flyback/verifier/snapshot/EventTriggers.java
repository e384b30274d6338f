package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE EVENT TRIGGER}: it fires on every DDL command of the database, so one an undo forgets keeps running
 * (issue 16: only its function was reported).
 */
final class EventTriggers implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.EVENT_TRIGGER;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_event_trigger"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_event_trigger:' || e.oid, '', NULL, e.evtname, NULL, jsonb_build_object(
                         'event', e.evtevent, 'function', e.evtfoid::regproc::text, 'enabled', e.evtenabled,
                         'tags', array_to_string(e.evttags, ', ')),
                       'pg_event_trigger:' || e.oid, e.oid
                  FROM pg_event_trigger e""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP EVENT TRIGGER IF EXISTS " + object.sqlName() + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        Optional<String> event = object.property("event");
        Optional<String> function = object.property("function");
        if (event.isEmpty() || function.isEmpty()) {
            return Optional.empty();
        }
        String tags = object.property("tags").filter(t -> !t.isBlank()).map(t -> " WHEN TAG IN ('"
                + String.join("', '", t.split(", ")) + "')").orElse("");
        return Optional.of("CREATE EVENT TRIGGER " + object.sqlName() + " ON " + event.get() + tags
                + " EXECUTE FUNCTION " + function.get() + "();");
    }
}
