package io.pinpointimport.emulator;

import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
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
 * Runs a {@link PinpointEmulator} with its {@link LocalS3}, and a {@link CustomerProfilesEmulator}, as a standalone
 * process until it is stopped (Ctrl-C or SIGTERM shut them down cleanly), for the AWS CLI and other tools. It prints
 * the endpoint of each service, a created application, bucket and domain, and AWS CLI lines ready to paste. Any
 * credentials are accepted, so the AWS CLI works with whatever the environment has.
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
 *   --profiles-port N        Customer Profiles port on 127.0.0.1 (default 0: a free port)
 *   --domain NAME            create this Customer Profiles domain (default "pinpoint-import")
 *   --keep-profiles B        true | false (default true); false: upload jobs check and count every row as usual
 *                            but keep only the profile keys (lean mode; SearchProfiles answers 400)
 *   --ready-file PATH        once ready, write shell-style KEY=value lines there (for scripts)
 *   --help                   print this and exit
 * </pre>
 */
public final class EmulatorMain {

    /** The Customer Profiles domain created unless {@code --domain} names another: {@value}. */
    public static final String DEFAULT_DOMAIN = "pinpoint-import";

    private EmulatorMain() {}

    /**
     * Starts the emulator and blocks until the JVM is asked to stop.
     *
     * @param args the options above
     * @throws Exception if the servers cannot start or the ready file cannot be written
     */
    public static void main(String[] args) throws Exception {
        PinpointEmulator.Builder builder = PinpointEmulator.builder().pace(Pace.realTime());
        LocalS3.Builder s3Builder = LocalS3.builder();
        CustomerProfilesEmulator.Builder profilesBuilder =
                CustomerProfilesEmulator.builder().pace(Pace.realTime());
        String domain = DEFAULT_DOMAIN;
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
                case "--pace" -> {
                    builder.pace(pace(value));
                    profilesBuilder.pace(pace(value));
                }
                case "--profiles-port" -> profilesBuilder.port(Integer.parseInt(value));
                case "--domain" -> domain = value;
                case "--keep-profiles" -> profilesBuilder.keepProfiles(bool(option, value));
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
        CustomerProfilesEmulator profiles;
        try {
            emulator = builder.s3(s3).start();
            try {
                profiles = profilesBuilder.domain(domain).start();
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                profiles.close();
                                emulator.close();
                                s3.close();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "pinpoint-emulator-shutdown"));

        s3.createBucket(bucket);
        String appId = emulator.createApp(appName);
        printBanner(System.out, emulator, appId, appName, bucket);
        printProfilesBanner(System.out, profiles, domain);
        System.out.println("Ready. Ctrl-C stops.");
        System.out.flush();
        if (readyFile != null) {
            writeReadyFile(readyFile, emulator, appId, bucket, profiles, domain);
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

    private static void printBanner(
            PrintStream out, PinpointEmulator emulator, String appId, String appName, String bucket) {
        LocalS3 s3 = emulator.s3();
        out.println("Pinpoint import emulator (" + emulator.pace()
                + (emulator.keepsEndpoints() ? "" : ", endpoints not kept") + ")");
        out.println("  Pinpoint endpoint : " + emulator.endpoint());
        out.println("  S3 endpoint       : " + s3.endpoint());
        out.println("  Application       : " + appId + " (" + appName + ")");
        out.println("  Bucket            : " + bucket);
        out.println("  Credentials       : any (these test values work too: " + s3.accessKeyId() + " / "
                + s3.secretAccessKey() + ")");
        out.println();
        out.println("AWS CLI:");
        out.println("  export AWS_ACCESS_KEY_ID=" + s3.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + s3.secretAccessKey()
                + " AWS_DEFAULT_REGION=" + s3.region().id() + " AWS_PAGER=\"\"");
        out.println("  aws --endpoint-url " + s3.endpoint() + " s3 cp endpoints.csv s3://" + bucket + "/run-1/");
        out.println("  aws --endpoint-url " + emulator.endpoint() + " pinpoint create-import-job --application-id "
                + appId + " --import-job-request S3Url=s3://" + bucket
                + "/run-1/,RoleArn=arn:aws:iam::123456789012:role/PinpointImport,Format=CSV,RegisterEndpoints=true");
        out.println("  aws --endpoint-url " + emulator.endpoint() + " pinpoint get-import-job --application-id " + appId
                + " --job-id JOB_ID");
        out.println("  aws --endpoint-url " + emulator.endpoint() + " pinpoint get-import-jobs --application-id "
                + appId + " --page-size 10");
        out.println();
    }

    private static void printProfilesBanner(PrintStream out, CustomerProfilesEmulator profiles, String domain) {
        String cli = "  aws --endpoint-url " + profiles.endpoint() + " customer-profiles ";
        out.println("Customer Profiles emulator (" + profiles.pace()
                + (profiles.keepsProfiles() ? "" : ", profiles not kept") + ")");
        out.println("  Customer Profiles endpoint : " + profiles.endpoint());
        out.println("  Domain                     : " + domain);
        out.println();
        out.println("AWS CLI (upload jobs need the AWS CLI v1 with botocore >= 1.39.3; the PUT goes with curl):");
        out.println(cli + "create-upload-job --domain-name " + domain + " --display-name run-1"
                + " --unique-key UserId --data-expiry 30 --fields"
                + " '{\"UserId\":{\"Source\":\"_source.UserId\",\"Target\":\"_profile.AccountNumber\"},"
                + "\"Email\":{\"Source\":\"_source.Email\",\"Target\":\"_profile.EmailAddress\","
                + "\"ContentType\":\"EMAIL_ADDRESS\"}}'");
        out.println(cli + "get-upload-job-path --domain-name " + domain + " --job-id JOB_ID");
        out.println("  curl -X PUT --upload-file profiles.csv -H 'x-amz-server-side-encryption-customer-algorithm:"
                + " AES256' -H \"x-amz-server-side-encryption-customer-key: $TOKEN\" -H"
                + " \"x-amz-server-side-encryption-customer-key-MD5: $(printf %s \"$TOKEN\" | base64 -d"
                + " | openssl dgst -md5 -binary | base64)\" \"$URL\"");
        out.println(cli + "start-upload-job --domain-name " + domain + " --job-id JOB_ID");
        out.println(cli + "get-upload-job --domain-name " + domain + " --job-id JOB_ID");
        out.println(cli + "search-profiles --domain-name " + domain + " --key-name UserId --values USER_ID");
        out.println("  (behaviour and assumptions: docs/emulator-customer-profiles.md)");
        out.println();
    }

    private static void writeReadyFile(
            Path file,
            PinpointEmulator emulator,
            String appId,
            String bucket,
            CustomerProfilesEmulator profiles,
            String domain)
            throws IOException {
        String text = "PINPOINT_ENDPOINT=" + emulator.endpoint() + "\n"
                + "S3_ENDPOINT=" + emulator.s3().endpoint() + "\n"
                + "APP_ID=" + appId + "\n"
                + "BUCKET=" + bucket + "\n"
                + "AWS_ACCESS_KEY_ID=" + emulator.s3().accessKeyId() + "\n"
                + "AWS_SECRET_ACCESS_KEY=" + emulator.s3().secretAccessKey() + "\n"
                + "AWS_DEFAULT_REGION=" + emulator.s3().region().id() + "\n"
                + "PROFILES_ENDPOINT=" + profiles.endpoint() + "\n"
                + "DOMAIN=" + domain + "\n";
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
        out.println("                    [--profiles-port N] [--domain NAME] [--keep-profiles true|false]");
        out.println("                    [--ready-file PATH]");
    }

    private static void fail(String message) {
        System.err.println("EmulatorMain: " + message);
        usage(System.err);
        System.exit(2);
    }
}
