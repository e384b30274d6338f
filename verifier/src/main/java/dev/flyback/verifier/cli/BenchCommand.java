package dev.flyback.verifier.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.flyback.verifier.internal.bench.Benchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flyback bench}: the cost of Flyback against plain Flyway and against Liquibase. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Generates synthetic histories and prints, as medians: plain Flyway migrate, the "
                + "reversibility proof, the full checklist on tables with rows, Liquibase's update-testing-rollback, "
                + "their ratios, the per-revision overhead, peak heap, and database start times. Exit 1 when a "
                + "target is missed.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "History sizes in revisions (default: 50, 200, 1000).")
    List<Integer> sizes = new ArrayList<>(List.of(50, 200, 1000));

    @Option(names = "--repetitions", defaultValue = "3", description = "Timed runs per figure (default: 3).")
    int repetitions;

    @Option(names = "--warmups", defaultValue = "1", description = "Untimed runs first (default: 1).")
    int warmups;

    @Option(names = "--rows", defaultValue = "10000",
            description = "Rows in the largest tables of the history with rows (default: 10000).")
    int rows;

    @Option(names = "--no-liquibase", description = "Skip the Liquibase peer.")
    boolean noLiquibase;

    @Option(names = "--containers", description = "Also time the Testcontainers provider's start (needs Docker).")
    boolean containers;

    @Option(names = "--postgres-version", defaultValue = "17", paramLabel = "MAJOR",
            description = "Embedded PostgreSQL major (default: 17).")
    int postgresVersion;

    @Override
    public Integer call() throws IOException {
        boolean met = Benchmark.run(new Benchmark.Settings(sizes, repetitions, warmups, rows, !noLiquibase,
                containers, postgresVersion), spec.commandLine().getOut());
        return met ? 0 : FlybackCommand.FINDINGS;
    }
}
