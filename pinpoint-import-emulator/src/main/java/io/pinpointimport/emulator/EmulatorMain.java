package io.pinpointimport.emulator;

import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link PinpointEmulator} and its {@link LocalS3} as a standalone process until it is stopped (Ctrl-C or
 * SIGTERM shut both down cleanly), for the AWS CLI and other tools. It prints the endpoint URLs, the test
 * credentials, a created application id and bucket, and AWS CLI lines ready to paste.
 *
 * <pre>
 * Options:
 *   --port N                 Pinpoint port on 127.0.0.1 (default 0: a free port)
 *   --s3-port N              S3 port on 127.0.0.1 (default 0: a free port)
 *   --app NAME               create an application with this name (default "local")
 *   --bucket NAME            create this bucket (default "pinpoint-import")
 *   --pace P                 instant | steps | realtime | speed:FACTOR | timed:MILLIS (default realtime)
 *   --active-job-limit N     active import jobs at once (default 10)
 *   --quota-mode M           queue | refuse (default queue)
 *   --max-bytes-per-job N    bytes one job may read (default 1000000000)
 *   --keep-endpoints B       true | false (default true); false: jobs check and count every row as usual but
 *                            keep no endpoints (lean mode for large imports; endpoint reads answer 400)
 *   --ready-file PATH        once ready, write shell-style KEY=value lines there (for scripts)
 *   --help                   print this and exit
 * </pre>
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    /**
     * Starts the emulator and blocks until the JVM is asked to stop.
     *
     * @param args the options above
     * @throws Exception if the servers cannot start or the ready file cannot be written
     */
    public static void main(String[] args) throws Exception {
        PinpointEmulator.Builder builder = PinpointEmulator.builder().pace(Pace.realTime());
        LocalS3.Builder s3Builder = LocalS3.builder();
        String appName = "local";
        String bucket = "pinpoint-import";
        Path readyFile = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage(System.out);
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--s3-port" -> s3Builder.port(Integer.parseInt(value));
                case "--app" -> appName = value;
                case "--bucket" -> bucket = value;
                case "--pace" -> builder.pace(pace(value));
                case "--active-job-limit" -> builder.activeJobLimit(Integer.parseInt(value));
                case "--quota-mode" -> builder.quotaMode(QuotaMode.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--max-bytes-per-job" -> builder.maxBytesPerJob(Long.parseLong(value));
                case "--keep-endpoints" -> builder.keepEndpoints(bool(option, value));
                case "--ready-file" -> readyFile = Path.of(value);
                default -> fail("unknown option " + option);
            }
        }

        LocalS3 s3 = s3Builder.start();
        PinpointEmulator emulator;
        try {
            emulator = builder.s3(s3).start();
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                emulator.close();
                s3.close();
            } finally {
                stopped.countDown();
            }
        }, "pinpoint-emulator-shutdown"));

        s3.createBucket(bucket);
        String appId = emulator.createApp(appName);
        printBanner(System.out, emulator, appId, appName, bucket);
        if (readyFile != null) {
            writeReadyFile(readyFile, emulator, appId, bucket);
        }
        stopped.await();
    }

    private static boolean bool(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                fail(option + " takes true or false, not " + value);
                yield false;
            }
        };
    }

    private static Pace pace(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("instant")) {
            return Pace.instant();
        }
        if (lower.equals("steps")) {
            return Pace.steps();
        }
        if (lower.equals("realtime")) {
            return Pace.realTime();
        }
        if (lower.startsWith("speed:")) {
            return Pace.speed(Double.parseDouble(lower.substring("speed:".length())));
        }
        if (lower.startsWith("timed:")) {
            return Pace.timed(Duration.ofMillis(Long.parseLong(lower.substring("timed:".length()))));
        }
        fail("unknown pace " + value + " (instant, steps, realtime, speed:FACTOR, timed:MILLIS)");
        return null;
    }

    private static void printBanner(PrintStream out, PinpointEmulator emulator, String appId, String appName,
            String bucket) {
        LocalS3 s3 = emulator.s3();
        out.println("Pinpoint import emulator (" + emulator.pace()
                + (emulator.keepsEndpoints() ? "" : ", endpoints not kept") + ")");
        out.println("  Pinpoint endpoint : " + emulator.endpoint());
        out.println("  S3 endpoint       : " + s3.endpoint());
        out.println("  Application       : " + appId + " (" + appName + ")");
        out.println("  Bucket            : " + bucket);
        out.println("  Credentials       : " + s3.accessKeyId() + " / " + s3.secretAccessKey() + " (test values)");
        out.println();
        out.println("AWS CLI:");
        out.println("  export AWS_ACCESS_KEY_ID=" + s3.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + s3.secretAccessKey()
                + " AWS_DEFAULT_REGION=" + s3.region().id() + " AWS_PAGER=\"\"");
        out.println("  aws --endpoint-url " + s3.endpoint() + " s3 cp endpoints.csv s3://" + bucket + "/run-1/");
        out.println("  aws --endpoint-url " + emulator.endpoint() + " pinpoint create-import-job --application-id "
                + appId + " --import-job-request S3Url=s3://" + bucket
                + "/run-1/,RoleArn=arn:aws:iam::123456789012:role/PinpointImport,Format=CSV,RegisterEndpoints=true");
        out.println("  aws --endpoint-url " + emulator.endpoint() + " pinpoint get-import-job --application-id "
                + appId + " --job-id JOB_ID");
        out.println("  aws --endpoint-url " + emulator.endpoint() + " pinpoint get-import-jobs --application-id "
                + appId + " --page-size 10");
        out.println();
        out.println("Ready. Ctrl-C stops.");
        out.flush();
    }

    private static void writeReadyFile(Path file, PinpointEmulator emulator, String appId, String bucket)
            throws IOException {
        String text = "PINPOINT_ENDPOINT=" + emulator.endpoint() + "\n"
                + "S3_ENDPOINT=" + emulator.s3().endpoint() + "\n"
                + "APP_ID=" + appId + "\n"
                + "BUCKET=" + bucket + "\n"
                + "AWS_ACCESS_KEY_ID=" + emulator.s3().accessKeyId() + "\n"
                + "AWS_SECRET_ACCESS_KEY=" + emulator.s3().secretAccessKey() + "\n"
                + "AWS_DEFAULT_REGION=" + emulator.s3().region().id() + "\n";
        // Written to a side file and moved, so a script polling for the file never reads half of it.
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".ready", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void usage(PrintStream out) {
        out.println("Usage: EmulatorMain [--port N] [--s3-port N] [--app NAME] [--bucket NAME]");
        out.println("                    [--pace instant|steps|realtime|speed:FACTOR|timed:MILLIS]");
        out.println("                    [--active-job-limit N] [--quota-mode queue|refuse]");
        out.println("                    [--max-bytes-per-job N] [--keep-endpoints true|false]");
        out.println("                    [--ready-file PATH]");
    }

    private static void fail(String message) {
        System.err.println("EmulatorMain: " + message);
        usage(System.err);
        System.exit(2);
    }
}
