package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs git in a test's own repository. */
public final class TestGit {

    private TestGit() {
    }

    /** {@code git init} with a main branch. */
    public static void init(Path repository) throws IOException, InterruptedException {
        git(repository, "init", "-q", "-b", "main");
    }

    /** Commits everything in the working tree. */
    public static void commitAll(Path repository, String message) throws IOException, InterruptedException {
        git(repository, "add", "-A", ".");
        git(repository, "-c", "user.name=Flyback", "-c", "user.email=flyback@example.org", "commit", "-q", "-m",
                message);
    }

    /** Runs git, failing the test when it fails. */
    public static void git(Path repository, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        then(process.waitFor()).as(output).isZero();
    }
}
