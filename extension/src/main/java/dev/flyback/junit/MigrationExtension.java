package dev.flyback.junit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * The Jupiter glue of {@link MigrationTest}: one server per run and settings (root store), one scratch database
 * and harness per test (method store), parameters resolved by type.
 */
// getOrComputeIfAbsent is deprecated in JUnit 6 (computeIfAbsent replaces it) but is what 5.x offers; one source
// serves both, and the junit6 profile proves it.
@SuppressWarnings("deprecation")
class MigrationExtension implements BeforeAllCallback, ParameterResolver, InvocationInterceptor {
    private static final Namespace NAMESPACE = Namespace.create(MigrationExtension.class);
    /** The context of the dynamic test running on this thread, for the harness to publish report entries to. */
    private static final ThreadLocal<ExtensionContext> DYNAMIC_TEST = new ThreadLocal<>();

    /** Lets a generated check publish what it found below the failing severity to its own test's report. */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext extensionContext) throws Throwable {
        DYNAMIC_TEST.set(extensionContext);
        try {
            invocation.proceed();
        } finally {
            DYNAMIC_TEST.remove();
        }
    }

    /** The dynamic test running on this thread, if one is. */
    static java.util.Optional<ExtensionContext> dynamicTest() {
        return java.util.Optional.ofNullable(DYNAMIC_TEST.get());
    }

    /** Validates the settings before any test runs or any server starts. */
    @Override
    public void beforeAll(ExtensionContext context) {
        settings(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MigrationHarness.class || type == DataSource.class || type == ConnectionInfo.class
                || type == SchemaSnapshot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("Parameter [" + parameter.getParameter() + "] in ["
                    + parameter.getDeclaringExecutable() + "]: Flyback resolves migration parameters only for test "
                    + "methods, where each test gets its own database");
        }
        MigrationHarness harness = harness(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == MigrationHarness.class) {
            return harness;
        }
        if (type == DataSource.class) {
            return harness.dataSource();
        }
        if (type == ConnectionInfo.class) {
            return harness.connectionInfo();
        }
        return harness.snapshot();
    }

    private static MigrationHarness harness(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                key -> open(context), TestDatabase.class).harness();
    }

    private static TestDatabase open(ExtensionContext context) {
        MigrationSettings settings = settings(context);
        PostgresServer server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                new ServerKey(settings.database()), key -> new PostgresServer(settings.database()),
                PostgresServer.class);
        DisposableDatabase database = server.newDatabase();
        return new TestDatabase(context, database, new MigrationHarness(settings, database,
                context.getRequiredTestClass().getClassLoader(), Optional.of(server.templates())), settings.keep());
    }

    private static MigrationSettings settings(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        MigrationTest annotation = findAnnotation(testClass)
                .orElseThrow(() -> new ExtensionConfigurationException(testClass.getName()
                        + " uses Flyback's extension without @MigrationTest; annotate the class with @MigrationTest"));
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(MigrationSettings.class,
                key -> MigrationSettings.resolve(annotation, context), MigrationSettings.class);
    }

    /** The annotation on the class, a meta-annotation, a superclass, or an enclosing class of a {@code @Nested} one. */
    private static java.util.Optional<MigrationTest> findAnnotation(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            java.util.Optional<MigrationTest> annotation = AnnotationSupport.findAnnotation(type, MigrationTest.class);
            if (annotation.isPresent()) {
                return annotation;
            }
        }
        return java.util.Optional.empty();
    }

    /** Reads the schema of a test's database. */
    static SchemaSnapshot snapshot(DataSource dataSource, java.util.Set<String> historyTables) {
        try (Connection connection = dataSource.getConnection()) {
            return CatalogReader.read(connection, historyTables);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the schema: " + e.getMessage(), e);
        }
    }
}
