package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A class of this test class path started in a child JVM, as a user starts a second process: its own heap, its own
 * threads, killed for real. Output goes to files, so that a test reads it after the child is gone. Every wait is on a
 * condition, bounded by {@link #STEP_DEADLINE} only against a hung test.
 */
final class ChildJvm implements AutoCloseable {
    /**
     * How long one step of a child may take before the test gives up on it: a child JVM starting and running on a
     * loaded 2-core machine took more than 30 s (issue 15).
     */
    static final Duration STEP_DEADLINE = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @param environment variables to set (AWS credentials, region); {@code AWS_PROFILE} and the journal directory
     *     variable are removed
     * @param dir where its output goes, as {@code NAME.out} and {@code NAME.err}
     * @param name the child's name in file names and messages
     * @return the started child
     * @throws IOException when it cannot be started
     */
    static ChildJvm start(Class<?> mainClass, List<String> args, Map<String, String> environment, Path dir, String name)
            throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(args);
        Path stdout = dir.resolve(name + ".out");
        Path stderr = dir.resolve(name + ".err");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("PINPOINT_IMPORT_JOURNAL_DIR");
        pb.environment().putAll(environment);
        return new ChildJvm(name, pb.start(), stdout, stderr);
    }

    /**
     * Waits until the condition holds, failing early when the child exits first.
     *
     * @param what the step, for the failure message
     * @param condition looked at every few milliseconds
     */
    void await(String what, BooleanSupplier condition) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited waiting for " + what + "; " + describe());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name + " timed out waiting for " + what + "; " + describe());
            }
            try {
                process.onExit().get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: look again
            }
        }
    }

    /**
     * Waits for the future, failing early when the child exits first.
     *
     * @param future what the step completes, in this JVM (for example an emulator's hold)
     * @param what the step, for the failure message
     * @return the future's value
     */
    <T> T awaitOrExit(CompletableFuture<T> future, String what) throws InterruptedException, ExecutionException {
        try {
            CompletableFuture.anyOf(future, process.onExit()).get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + " timed out waiting for " + what + "; " + describe());
        }
        if (!future.isDone()) {
            throw new AssertionError(name + " exited waiting for " + what + "; " + describe());
        }
        return future.get();
    }

    /** @return the child's exit code, once it exits by itself */
    int awaitExit() throws InterruptedException, ExecutionException {
        try {
            return process.onExit()
                    .get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .exitValue();
        } catch (TimeoutException e) {
            throw new AssertionError(name + " did not exit in " + STEP_DEADLINE + "; " + describe());
        }
    }

    /**
     * Kills the child (SIGKILL) and waits until it is gone.
     *
     * @return its exit code
     */
    int kill() throws InterruptedException, ExecutionException, TimeoutException {
        process.destroyForcibly();
        return process.onExit()
                .get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .exitValue();
    }

    /** Stops a child still running, asking first (SIGTERM: the emulator shuts down cleanly), then killing. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STEP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** @return what the child wrote to standard output so far */
    String stdout() {
        return read(stdout);
    }

    /** @return what the child wrote to standard error so far */
    String stderr() {
        return read(stderr);
    }

    /** @return the child's name and standard error, for failure messages */
    String describe() {
        return name + " stderr:\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
