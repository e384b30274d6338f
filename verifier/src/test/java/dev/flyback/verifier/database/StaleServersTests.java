package dev.flyback.verifier.database;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What a killed run left behind, removed by the next runs ({@link StaleServers}). */
class StaleServersTests {

    /**
     * Two runs starting at the same moment find the same stale folder: one removes it, neither fails. Both used to
     * delete it file by file, and the one whose walk met a file the other had just deleted failed to start with a
     * {@code NoSuchFileException} (seen with two test JVMs side by side).
     */
    @Test
    void should_let_two_runs_starting_at_once_remove_the_same_stale_folder() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            // Made under another name and moved into place whole: any run starting meanwhile (another test JVM) may
            // remove a stale folder, and one half made would fail this test's own writes.
            Path building = Files.createTempDirectory("stale-in-making-");
            for (int d = 0; d < 40; d++) {
                Path folder = Files.createDirectories(building.resolve("base").resolve(String.valueOf(d)));
                for (int f = 0; f < 50; f++) {
                    Files.writeString(folder.resolve(String.valueOf(f)), "page");
                }
            }
            Path stale = Files.move(building, building.resolveSibling(StaleServers.PREFIX + gone.pid() + "-"
                    + System.nanoTime()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> runs = Stream.of(1, 2).map(i -> new Thread(() -> {
                try {
                    together.await();
                    StaleServers.clean();
                } catch (Throwable e) {
                    failures.add(e);
                }
            })).toList();
            runs.forEach(Thread::start);
            for (Thread run : runs) {
                run.join();
            }

            then(failures).isEmpty();
            then(stale).doesNotExist();
            try (Stream<Path> entries = Files.list(stale.getParent())) {
                then(entries.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.startsWith(StaleServers.PREFIX + ProcessHandle.current().pid() + "-stale-"));
            }
        }
    }
}
