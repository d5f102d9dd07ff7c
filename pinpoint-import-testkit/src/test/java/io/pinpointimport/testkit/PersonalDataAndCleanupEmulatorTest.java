package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Full imports through the emulator, with rejected records and one failed job: no address, user id, attribute value
 * or credential may show in any log line (slf4j-simple writes to System.err, captured here), exception message or
 * {@code toString()} of the results; and after {@code close()} no thread the library started and no temporary file
 * is left.
 */
@PinpointEmulatorTest
class PersonalDataAndCleanupEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    private static List<EndpointDefinition> input(List<String> secrets) {
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String address = "pd-secret-" + i + "@example.com";
            String user = "pd-user-" + i + "-zq";
            String attr = "pd-attr-" + i + "-zq";
            secrets.add(address);
            secrets.add(user);
            secrets.add(attr);
            list.add(EndpointDefinition.builder()
                    .id("e" + i)
                    .channelType(ChannelType.EMAIL)
                    .address(address)
                    .user(EndpointUser.builder().userId(user).build())
                    .attributes(Map.of("Interest", List.of(attr)))
                    .build());
        }
        // rejected: bad addresses for their channel
        for (int i = 0; i < 3; i++) {
            String address = "pd-badphone-" + i + "-zq";
            secrets.add(address);
            list.add(EndpointDefinition.builder()
                    .id("bad" + i)
                    .channelType(ChannelType.SMS)
                    .address(address)
                    .build());
        }
        return list;
    }

    @Test
    void noPersonalDataOrCredentialsInLogsMessagesOrResults(
            PinpointEmulator emulator,
            LocalS3 s3,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3Client,
            @Bucket String bucket,
            @ApplicationId String app,
            @TempDir Path temp) {
        List<String> secrets = new ArrayList<>();
        List<EndpointDefinition> input = input(secrets);
        secrets.add(s3.secretAccessKey());
        secrets.add(s3.accessKeyId());
        StringBuilder seen = new StringBuilder();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            emulator.faults().failNextJob("a scripted failure");
            try (EndpointImporter importer = importer(pinpoint, s3Client, bucket, app, temp)) {
                for (int round = 0; round < 3; round++) {
                    if (round == 2) {
                        // the last round fails at CreateImportJob: the error path's messages are scanned too
                        emulator.faults().denyRole(ROLE);
                    }
                    ImportRun run = importer.importEndpoints(input);
                    seen.append(run).append('\n');
                    try {
                        ImportSummary s = run.summary().join();
                        assertThat(s.rejections()).hasSize(3);
                        seen.append(s).append('\n');
                        if (round == 2) {
                            assertThat(s.jobsFailed() + s.jobErrors().size()).isPositive();
                        }
                        s.results().forEach(r -> seen.append(r).append('\n'));
                        s.rejections()
                                .forEach(r -> seen.append(r)
                                        .append('\n')
                                        .append(r.describe())
                                        .append('\n'));
                        s.jobErrors().forEach(e -> {
                            seen.append(e).append('\n');
                            for (Throwable t = e.cause(); t != null; t = t.getCause()) {
                                seen.append(t).append('\n');
                            }
                        });
                    } catch (CompletionException e) {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            seen.append(t).append('\n');
                        }
                    }
                }
            }
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(seen.toString()).contains("status=FAILED");
        // proves the capture works: the library logs its runs at INFO under its own logger names
        assertThat(logs).contains("io.pinpointimport");
        for (String secret : secrets) {
            assertThat(logs).as("log lines").doesNotContain(secret);
            assertThat(seen.toString()).as("messages and toString()").doesNotContain(secret);
        }
    }

    @Test
    void closeLeavesNoThreadsAndNoTemporaryFiles(
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3Client,
            @Bucket String bucket,
            @ApplicationId String app,
            @TempDir Path temp)
            throws IOException {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Path shards = Files.createDirectory(temp.resolve("shards"));
        try (EndpointImporter importer = importer(pinpoint, s3Client, bucket, app, shards)) {
            ImportSummary s =
                    importer.importEndpoints(input(new ArrayList<>())).summary().join();
            assertThat(s.recordsSubmitted()).isEqualTo(12);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Thread> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .filter(PersonalDataAndCleanupEmulatorTest::libraryThread)
                    .collect(Collectors.toList());
            if (left.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        } while (true);
        assertThat(left).as("threads the library started").isEmpty();
        try (Stream<Path> files = Files.list(shards)) {
            assertThat(files).as("temporary files").isEmpty();
        }
    }

    /** The test's clients, the emulator and S3 start threads too; the library names its own "pinpoint-import-". */
    private static boolean libraryThread(Thread t) {
        return t.getName().toLowerCase(Locale.ROOT).contains("pinpoint-import");
    }

    private static EndpointImporter importer(
            PinpointAsyncClient pinpoint, S3AsyncClient s3, String bucket, String app, Path temp) {
        return EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(S3ShardStore.builder()
                        .s3(s3)
                        .bucket(bucket)
                        .prefix("pd/")
                        .build())
                .format(ImportFormat.CSV)
                .maxRecordsPerShard(4)
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(20))
                        .minInterval(Duration.ofMillis(20))
                        .maxInterval(Duration.ofMillis(100)))
                .build();
    }
}
