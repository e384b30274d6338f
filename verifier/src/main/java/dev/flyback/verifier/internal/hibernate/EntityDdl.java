package dev.flyback.verifier.internal.hibernate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.apiguardian.api.API;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

/**
 * The {@code CREATE} statements Hibernate writes for the JPA entities of some packages, for PostgreSQL of a given
 * major version: {@code jakarta.persistence.schema-generation.scripts.action=create}, the standard way, without a
 * connection (the version is given, so that Hibernate reads no database). Nothing of Flyback's rebuilds what
 * Hibernate decides: names of keys and sequences, {@code varchar(255)}, {@code timestamp(6) with time zone}, enums.
 *
 * @since 0.4
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class EntityDdl {
    /** Held: java.util.logging keeps loggers weakly, and a level set on a collected one is lost. */
    private static final Logger HIBERNATE = Logger.getLogger("org.hibernate");

    static {
        // Hibernate logs its version and every boot step at INFO, and warns that it has no connection, which it
        // needs none for here; Flyback's output stays quiet. A mapping Hibernate refuses is an exception, reported.
        HIBERNATE.setLevel(Level.SEVERE);
    }

    private EntityDdl() {
    }

    /**
     * The statements, one per element, without their semicolons.
     *
     * @param packages the packages whose entities (and their sub-packages') count
     * @param loader where the entities are (the project's classpath)
     * @param postgresMajor the server's major version, which decides the SQL Hibernate writes
     * @throws IllegalArgumentException when no entity is there, or Hibernate refuses the mapping (its message)
     */
    public static List<String> createStatements(List<String> packages, ClassLoader loader, int postgresMajor) {
        List<Class<?>> entities = new ArrayList<>();
        for (String name : packages) {
            entities.addAll(mapped(name, loader));
        }
        if (entities.stream().noneMatch(type -> type.isAnnotationPresent(Entity.class))) {
            throw new IllegalArgumentException("No JPA @Entity in " + String.join(", ", packages) + " on the "
                    + "classpath given; name the package of your entities and pass the folder or jar they are "
                    + "compiled to with --classpath (e.g. target/classes)");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, String.valueOf(postgresMajor))
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false")
                .applySetting(AvailableSettings.CLASSLOADERS, List.of(loader))
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            StringWriter script = new StringWriter();
            Map<String, Object> settings = new HashMap<>(registry.getService(
                    org.hibernate.engine.config.spi.ConfigurationService.class).getSettings());
            settings.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "none");
            settings.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create");
            settings.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, script);
            settings.put(AvailableSettings.HBM2DDL_DELIMITER, ";");
            settings.put(AvailableSettings.FORMAT_SQL, "false");
            SchemaManagementToolCoordinator.process(metadata, registry, settings, action -> {
            });
            return script.toString().lines().map(String::strip).filter(line -> !line.isEmpty())
                    .map(line -> line.replaceFirst(";$", "")).toList();
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("Hibernate refused the entities of " + String.join(", ", packages)
                    + ": " + e.getMessage(), e);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
            thread.setContextClassLoader(previous);
        }
    }

    /** The entities, embeddables and mapped superclasses in {@code name} and below, in name order. */
    private static List<Class<?>> mapped(String name, ClassLoader loader) {
        TreeSet<String> classes = new TreeSet<>();
        String folder = name.replace('.', '/');
        try {
            Enumeration<URL> places = loader.getResources(folder);
            while (places.hasMoreElements()) {
                URL place = places.nextElement();
                if ("file".equals(place.getProtocol())) {
                    Path root = Path.of(place.toURI());
                    try (Stream<Path> files = Files.walk(root)) {
                        files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                                .forEach(f -> classes.add(name + "." + f.replace(java.io.File.separatorChar, '.')
                                        .replaceFirst("\\.class$", "")));
                    }
                } else {
                    URLConnection connection = place.openConnection();
                    if (connection instanceof JarURLConnection jar) {
                        connection.setUseCaches(false);
                        try (JarFile file = jar.getJarFile()) {
                            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                                String entryName = entry.getName();
                                if (entryName.startsWith(folder + "/") && entryName.endsWith(".class")) {
                                    classes.add(entryName.replace('/', '.').replaceFirst("\\.class$", ""));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        List<Class<?>> found = new ArrayList<>();
        for (String className : classes) {
            if (className.endsWith("package-info") || className.endsWith("module-info")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (annotated(type, Entity.class) || annotated(type, Embeddable.class)
                        || annotated(type, MappedSuperclass.class)) {
                    found.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("Could not load " + className + " from the classpath given: " + e
                        + "; pass every folder and jar it needs with --classpath");
            }
        }
        return found;
    }

    private static boolean annotated(Class<?> type, Class<? extends Annotation> annotation) {
        return type.isAnnotationPresent(annotation);
    }
}
