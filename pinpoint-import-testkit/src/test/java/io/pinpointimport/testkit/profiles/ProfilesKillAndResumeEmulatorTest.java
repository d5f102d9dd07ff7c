package io.pinpointimport.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.ListUploadJobsResponse;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;

/**
 * Kill and resume on the Customer Profiles target: a run in a child JVM ({@link ProfilesImportChild}) is killed right
 * after the emulator recorded an upload job whose answer the child never got, then resumed from its journal in a new
 * JVM. The resumed run adopts that job by its name: no shard gets a second upload job, and every record is accounted
 * for. The kill point is reached by holding the create's answer back, never by timing.
 */
class ProfilesKillAndResumeEmulatorTest {
    private static final String DOMAIN = "kill";
    private static final int RECORDS = 900;
    private static final int PER_SHARD = 300;
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aShardWhoseJobWasCreatedGetsNoSecondJobAfterAKill() throws Exception {
        List<EndpointDefinition> input = EndpointFixtures.builder()
                .seed(8)
                .ids(true)
                .specialCharacters(false)
                .build()
                .list(RECORDS);
        Path file = writeNdjson(input);
        try (CustomerProfilesEmulator emulator =
                        CustomerProfilesEmulator.builder().domain(DOMAIN).start();
                CustomerProfilesAsyncClient client = CustomerProfilesImportEmulatorTest.client(emulator)) {
            List<String> settings = List.of(
                    "profiles=" + emulator.endpoint(),
                    "domain=" + DOMAIN,
                    "journal=" + Files.createDirectories(temp.resolve("journal")),
                    "temp=" + Files.createDirectories(temp.resolve("work")),
                    "maxRecords=" + PER_SHARD);

            CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
            Child first = start(settings, "start", file.toString());
            String heldJobId = first.awaitOrExit(recorded, "a create to be recorded");
            String runId = first.awaitLine(ProfilesImportChild.RUN).substring(ProfilesImportChild.RUN.length() + 1);
            first.kill();
            emulator.faults().clear(); // the held answer is never sent
            assertThat(first.lines())
                    .as("the child never learnt the held job")
                    .noneMatch(l -> l.endsWith(" " + heldJobId))
                    .noneMatch(l -> l.startsWith("DONE"));

            Child resumed = start(settings, "resume", runId);
            assertThat(resumed.awaitExit()).as(resumed.describe()).isZero();
            Map<String, Long> done = resumed.summary();
            assertThat(done)
                    .as(resumed.describe())
                    .containsEntry("read", (long) RECORDS)
                    .containsEntry("shards", (long) (RECORDS / PER_SHARD))
                    .containsEntry("completed", (long) (RECORDS / PER_SHARD))
                    .containsEntry("failed", 0L)
                    .containsEntry("jobErrors", 0L)
                    .containsEntry("resumed", 1L);
            assertThat(done.get("read"))
                    .isEqualTo(done.get("rejected")
                            + done.get("imported")
                            + done.get("failedInService")
                            + done.get("failedWithJob")
                            + done.get("notSubmitted"));

            List<UploadJobItem> jobs = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ListUploadJobsResponse page = client.listUploadJobs(
                                r -> r.domainName(DOMAIN).maxResults(500).nextToken(next))
                        .join();
                jobs.addAll(page.items());
                token = page.nextToken();
            } while (token != null);
            assertThat(jobs)
                    .as("one upload job per shard, the held one adopted")
                    .hasSize(RECORDS / PER_SHARD);
            assertThat(jobs).extracting(UploadJobItem::displayName).doesNotHaveDuplicates();
            assertThat(jobs).extracting(UploadJobItem::statusAsString).containsOnly("SUCCEEDED");
            assertThat(jobs).extracting(UploadJobItem::jobId).contains(heldJobId);

            Set<String> users = new HashSet<>();
            input.forEach(e -> users.add(CustomerProfilesImportEmulatorTest.key(e)));
            assertThat(done.get("rejected")).isZero();
            assertThat(emulator.profileCount(DOMAIN)).isEqualTo(users.size());
        }
    }

    private Path writeNdjson(List<EndpointDefinition> definitions) throws IOException {
        Path target = temp.resolve("input.json");
        try (ShardWriter writer = ShardWriter.builder()
                .format(ImportFormat.JSON)
                .directory(Files.createDirectories(temp.resolve("writer")))
                .build()) {
            long index = 0;
            for (EndpointDefinition d : definitions) {
                assertThat(writer.write(index++, d)).as("fixture %s", d.id()).isEmpty();
            }
            Shard shard = writer.finish().orElseThrow();
            Files.copy(shard.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private Child start(List<String> settings, String mode, String operand) throws IOException {
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
                ProfilesImportChild.class.getName()));
        command.addAll(settings);
        command.add(mode);
        command.add(operand);
        Path stderr = temp.resolve("child-" + processes.size() + ".stderr");
        // stdin stays an open pipe: the child exits when it ends, that is when this JVM is gone
        Process process =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        processes.add(process);
        return new Child(mode, process, stderr);
    }

    /** One child JVM: its event lines as they come, its stderr in a file. */
    private static final class Child {
        private final String mode;
        private final Process process;
        private final Path stderr;
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        Child(String mode, Process process, Path stderr) {
            this.mode = mode;
            this.process = process;
            this.stderr = stderr;
            Thread reader = new Thread(this::read, "profiles-child-" + mode + "-stdout");
            reader.setDaemon(true);
            reader.start();
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
                // killed while we read: its output ends here
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized String awaitLine(String event) throws InterruptedException {
            long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(event + " ")) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError("child (" + mode + ") " + (ended ? "ended" : "timed out") + " waiting for "
                            + event + "; " + describe());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        <T> T awaitOrExit(CompletableFuture<T> future, String what) throws Exception {
            try {
                CompletableFuture.anyOf(future, process.onExit()).get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("child (" + mode + ") timed out waiting for " + what + "; " + describe());
            }
            if (!future.isDone()) {
                throw new AssertionError("child (" + mode + ") exited waiting for " + what + "; " + describe());
            }
            return future.get();
        }

        int awaitExit() throws Exception {
            try {
                return process.onExit()
                        .get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .exitValue();
            } catch (TimeoutException e) {
                throw new AssertionError("child (" + mode + ") did not exit; " + describe());
            }
        }

        void kill() throws Exception {
            process.destroyForcibly();
            process.onExit().get(STEP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            process.getOutputStream().close();
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        Map<String, Long> summary() {
            Map<String, Long> out = new HashMap<>();
            for (String line : lines()) {
                if (line.startsWith(ProfilesImportChild.DONE + " ")) {
                    for (String pair : line.substring(5).split(" ")) {
                        String[] kv = pair.split("=");
                        out.put(kv[0], kv[1].equals("true") ? 1L : kv[1].equals("false") ? 0L : Long.parseLong(kv[1]));
                    }
                }
            }
            return out;
        }

        String describe() {
            String err;
            try {
                err = Files.readString(stderr);
            } catch (IOException e) {
                err = "(stderr unreadable)";
            }
            return "lines " + lines() + "; stderr: " + (err.length() > 3000 ? err.substring(err.length() - 3000) : err);
        }
    }
}
