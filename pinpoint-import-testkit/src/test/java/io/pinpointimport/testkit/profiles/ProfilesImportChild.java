package io.pinpointimport.testkit.profiles;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/**
 * The import process of {@link ProfilesKillAndResumeEmulatorTest}: a run into the test JVM's Customer Profiles
 * emulator in a child JVM, so that the test can kill it for real. Events on stdout, one per line:
 * {@code RUN runId}, {@code JOB url jobId} (first status of a job), {@code JOB-ENDED url jobId status},
 * {@code DONE key=value ...} (then exit 0), {@code ERROR exceptionClass} (then exit 2). It exits (3) when its stdin
 * ends, so that it never outlives the test JVM.
 *
 * <p>Arguments: {@code profiles=URL domain=NAME journal=DIR temp=DIR maxRecords=N}, then {@code start file...} or
 * {@code resume runId}.
 */
public final class ProfilesImportChild {
    static final String RUN = "RUN";
    static final String JOB = "JOB";
    static final String JOB_ENDED = "JOB-ENDED";
    static final String DONE = "DONE";
    static final String ERROR = "ERROR";

    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private ProfilesImportChild() {}

    /**
     * @param args settings, then the mode (see the class comment)
     */
    public static void main(String[] args) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // nothing is ever sent; wait for the end
                        }
                    } catch (IOException e) {
                        // a broken pipe is an end too
                    }
                    Runtime.getRuntime().halt(3);
                },
                "profiles-child-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Map<String, String> settings = new HashMap<>();
        int i = 0;
        while (i < args.length && args[i].contains("=")) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            i++;
        }
        int exit;
        try {
            exit = run(settings, args[i], List.of(args).subList(i + 1, args.length));
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            OUT.println(ERROR + " " + e.getClass().getName());
            exit = 2;
        }
        System.exit(exit);
    }

    private static int run(Map<String, String> settings, String mode, List<String> operands) {
        // not closed: the process exits right after the run
        CustomerProfilesAsyncClient client = CustomerProfilesAsyncClient.builder()
                .endpointOverride(URI.create(settings.get("profiles")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .build();
        Path temp = Path.of(settings.get("temp"));
        CustomerProfilesImportTarget target = CustomerProfilesImportTarget.builder()
                .client(client)
                .domainName(settings.get("domain"))
                .dataExpiry(Duration.ofDays(30))
                .workDirectory(temp)
                .build();
        try (EndpointImporter importer = EndpointImporter.builder()
                .importTarget(target)
                .maxRecordsPerShard(Long.parseLong(settings.get("maxRecords")))
                .tempDirectory(temp)
                .journalDirectory(Path.of(settings.get("journal")))
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .retry(r -> r.initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50))
                        .attemptTimeout(Duration.ofSeconds(20)))
                .listener(new Events())
                .build()) {
            ImportRun run = switch (mode) {
                case "start" ->
                    importer.importFiles(operands.stream().map(Path::of).toArray(Path[]::new));
                case "resume" -> importer.resume(operands.get(0));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            OUT.println(RUN + " " + run.runId());
            ImportSummary s = run.summary().join();
            OUT.println(DONE + " read=" + s.recordsRead() + " rejected=" + s.recordsRejected()
                    + " imported=" + s.recordsImported() + " failedInService=" + s.recordsFailedInService()
                    + " failedWithJob=" + s.recordsFailedWithJob() + " notSubmitted=" + s.recordsNotSubmitted()
                    + " shards=" + s.shards() + " completed=" + s.jobsCompleted() + " failed=" + s.jobsFailed()
                    + " jobErrors=" + s.jobErrors().size() + " resumed=" + s.resumed());
            return 0;
        }
    }

    private static final class Events implements ImportListener {
        private final Set<String> jobsSeen = ConcurrentHashMap.newKeySet();

        @Override
        public void jobStatus(String url, JobSnapshot job) {
            if (jobsSeen.add(url)) {
                OUT.println(JOB + " " + url + " " + job.id());
            }
        }

        @Override
        public void jobEnded(ImportResult result) {
            OUT.println(JOB_ENDED + " " + result.s3Url() + " " + result.jobId() + " " + result.status());
        }
    }
}
