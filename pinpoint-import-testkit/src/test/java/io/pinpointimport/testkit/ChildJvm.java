package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A class of this test class path ({@link ImportChild}, {@code ProfilesImportChild}) run in a child JVM that is
 * killed for real: its event lines ({@code RUN id}, {@code JOB url id}, {@code DONE read=…}) read as they come, its
 * standard error in a file. Every wait is on a condition, bounded by {@link #STEP_DEADLINE} only against a hung test.
 */
public final class ChildJvm implements AutoCloseable {
    /**
     * How long a child JVM may take for one step before the test gives up on it: generous, since a child JVM starting
     * and running on a loaded 2-core machine took more than 30 s (issue 15).
     */
    public static final Duration STEP_DEADLINE = Duration.ofSeconds(120);

    /** The event that names the run: {@code RUN id}. */
    public static final String RUN = "RUN";
    /** The last event of a run that ended, with its summary: {@code DONE read=… rejected=… resumed=true}. */
    public static final String DONE = "DONE";

    private final String name;
    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ChildJvm(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::read, "child-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @param dir where its standard error goes, as {@code NAME.stderr}
     * @param name the child's name, unique in {@code dir}
     * @return the started child
     * @throws IOException when it cannot be started
     */
    public static ChildJvm start(Class<?> mainClass, List<String> args, Path dir, String name) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(args);
        Path stderr = dir.resolve(name + ".stderr");
        // stdin stays an open pipe: the child exits when it ends, that is when this JVM is gone
        Process process =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(name, process, stderr);
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was killed while we read: its output ends here
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits until the condition holds on the lines so far, failing when the child's output ends first.
     *
     * @param what the step, for the failure message
     * @param condition looked at on every new line
     */
    public synchronized void await(String what, Predicate<ChildJvm> condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError(
                        name + " " + (ended ? "ended" : "timed out") + " waiting for " + what + "; " + describe());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * @param event the event
     * @return its first line, once there is one
     */
    public String awaitLine(String event) throws InterruptedException {
        await(event, c -> c.count(event) > 0);
        return lines(event).get(0);
    }

    /**
     * Waits for the future, failing early when the child exits first.
     *
     * @param future what the step completes in this JVM (for example an emulator's hold)
     * @param what the step, for the failure message
     * @return the future's value
     */
    public <T> T awaitOrExit(CompletableFuture<T> future, String what) throws InterruptedException, ExecutionException {
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
    public int awaitExit() throws InterruptedException, ExecutionException {
        try {
            return process.onExit()
                    .get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .exitValue();
        } catch (TimeoutException e) {
            throw new AssertionError(name + " did not exit in " + STEP_DEADLINE + "; " + describe());
        }
    }

    /** Kills the child (SIGKILL) and waits until it is gone. */
    public void kill() throws InterruptedException, ExecutionException, TimeoutException, IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        process.onExit().get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        process.getOutputStream().close();
    }

    @Override
    public void close() throws Exception {
        kill();
    }

    /** @return every line so far */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * @param event the event
     * @return its lines so far: the event alone or followed by a space and its values
     */
    public synchronized List<String> lines(String event) {
        return lines.stream()
                .filter(l -> l.equals(event) || l.startsWith(event + " "))
                .toList();
    }

    /**
     * @param event the event
     * @return how many lines of it so far
     */
    public synchronized int count(String event) {
        return lines(event).size();
    }

    /**
     * @param event an event with a count, such as {@code SHARD-WRITTEN 3}
     * @return the largest count so far; 0 if none
     */
    public synchronized long maxCount(String event) {
        return lines(event).stream()
                .mapToLong(l -> Long.parseLong(l.split(" ")[1]))
                .max()
                .orElse(0);
    }

    /** @return the run's id, from its one {@code RUN} line */
    public String runId() {
        List<String> run = lines(RUN);
        assertThat(run).as(describe()).hasSize(1);
        return run.get(0).split(" ")[1];
    }

    /** @return the numbers of the one {@code DONE} line; {@code true} and {@code false} as 1 and 0 */
    public Map<String, Long> summary() {
        List<String> done = lines(DONE);
        assertThat(done).as(describe()).hasSize(1);
        Map<String, Long> values = new HashMap<>();
        Arrays.stream(done.get(0).split(" ")).skip(1).forEach(pair -> {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1].equals("true") ? 1L : kv[1].equals("false") ? 0L : Long.parseLong(kv[1]));
        });
        return values;
    }

    /** @return the child's lines and the end of its standard error, for failure messages */
    public synchronized String describe() {
        String err;
        try {
            err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (err.length() > 20_000) {
            err = "..." + err.substring(err.length() - 20_000);
        }
        return name + " stdout:\n" + String.join("\n", lines) + "\nstderr:\n" + err;
    }
}
