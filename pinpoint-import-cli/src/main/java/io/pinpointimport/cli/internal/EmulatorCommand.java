package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.emulator.EmulatorMain;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emulator}: the Pinpoint emulator with its S3 and the Customer Profiles emulator as local services, until
 * interrupted.
 */
@Command(
        name = "emulator",
        mixinStandardHelpOptions = true,
        description = {
            "Run the local Pinpoint import emulator with its S3 server, and the local Customer Profiles"
                    + " (upload jobs) emulator, on 127.0.0.1 until interrupted (Ctrl-C), with an application, a bucket and a"
                    + " domain created. Any credentials are accepted.",
            "Prints the URLs, and AWS CLI and 'pinpoint-import' commands ready to paste."
        })
public final class EmulatorCommand implements Callable<Integer> {
    /** The role ARN the printed commands use; the emulator accepts any role. */
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointImport";

    private final CliContext context;

    @Option(names = "--port", paramLabel = "PORT", description = "Pinpoint port on 127.0.0.1. Default: 0, a free port.")
    int port;

    @Option(names = "--s3-port", paramLabel = "PORT", description = "S3 port on 127.0.0.1. Default: 0, a free port.")
    int s3Port;

    @Option(names = "--app", paramLabel = "NAME", description = "Name of the application to create. Default: local.")
    String app = "local";

    @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket to create. Default: pinpoint-import.")
    String bucket = "pinpoint-import";

    @Option(
            names = "--pace",
            paramLabel = "PACE",
            converter = PaceConverter.class,
            description = "How fast jobs move through their states: instant, steps (one per GetImportJob), realtime,"
                    + " speed:N (N times faster than realtime) or timed:MILLIS per state. Default: realtime.")
    Pace pace = Pace.realTime();

    @Option(
            names = "--keep-endpoints",
            arity = "1",
            paramLabel = "true|false",
            description = "false: lean mode for large imports; jobs check every row as usual but no endpoint is kept, "
                    + "so GetEndpoint and GetUserEndpoints answer BadRequest. Default: true.")
    boolean keepEndpoints = PinpointEmulator.DEFAULT_KEEP_ENDPOINTS;

    @Option(
            names = "--profiles-port",
            paramLabel = "PORT",
            description = "Customer Profiles port on 127.0.0.1. Default: 0, a free port.")
    int profilesPort;

    @Option(
            names = "--domain",
            paramLabel = "NAME",
            description = "Customer Profiles domain to create. Default: pinpoint-import.")
    String domain = EmulatorMain.DEFAULT_DOMAIN;

    @Option(
            names = "--keep-profiles",
            arity = "1",
            paramLabel = "true|false",
            description = "false: lean mode for large imports; upload jobs check and count every row as usual but"
                    + " keep only the profile keys, so SearchProfiles answers BadRequest. Default: true.")
    boolean keepProfiles = CustomerProfilesEmulator.DEFAULT_KEEP_PROFILES;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public EmulatorCommand(CliContext context) {
        this.context = context;
    }

    /**
     * Document printed with {@code --json}.
     *
     * @param pinpointEndpoint Pinpoint URL
     * @param s3Endpoint S3 URL
     * @param applicationId the created application
     * @param bucket the created bucket
     * @param region the region to sign for
     * @param accessKeyId test credentials
     * @param secretAccessKey test credentials (fixed test values, not a secret)
     * @param profilesEndpoint Customer Profiles URL
     * @param domain the created Customer Profiles domain
     */
    record Ready(
            String pinpointEndpoint,
            String s3Endpoint,
            String applicationId,
            String bucket,
            String region,
            String accessKeyId,
            String secretAccessKey,
            String profilesEndpoint,
            String domain) {}

    @Override
    public Integer call() {
        Checks.between("--port", port, 0, 65_535, " (0 for any free port)");
        Checks.between("--s3-port", s3Port, 0, 65_535, " (0 for any free port)");
        Checks.between("--profiles-port", profilesPort, 0, 65_535, " (0 for any free port)");
        LocalS3 s3;
        try {
            s3 = LocalS3.builder().port(s3Port).start();
        } catch (RuntimeException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot start S3 on port " + s3Port + " ("
                            + Errors.unwrap(e).getClass().getSimpleName() + "). Is the port in use? Try --s3-port 0.",
                    e);
        }
        PinpointEmulator emulator;
        try {
            emulator = PinpointEmulator.builder()
                    .port(port)
                    .pace(pace)
                    .keepEndpoints(keepEndpoints)
                    .s3(s3)
                    .start();
        } catch (RuntimeException e) {
            s3.close();
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot start the emulator on port " + port + " ("
                            + Errors.unwrap(e).getClass().getSimpleName() + "). Is the port in use? Try --port 0.",
                    e);
        }
        CustomerProfilesEmulator profiles;
        try {
            profiles = CustomerProfilesEmulator.builder()
                    .port(profilesPort)
                    .pace(pace)
                    .keepProfiles(keepProfiles)
                    .domain(domain)
                    .start();
        } catch (RuntimeException e) {
            emulator.close();
            s3.close();
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot start the Customer Profiles emulator on port "
                            + profilesPort + " (" + Errors.unwrap(e).getClass().getSimpleName()
                            + "). Is the port in use?"
                            + " Try --profiles-port 0; a domain name is 1-64 characters of a-z, A-Z, 0-9, _ and -.",
                    e);
        }
        Runnable stop = () -> {
            profiles.close();
            emulator.close();
            s3.close();
        };
        if (context.stopSignal().isEmpty()) {
            // Ctrl-C or SIGTERM: the JVM runs this hook, then exits; the wait below never returns.
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "pinpoint-import-emulator-stop"));
        }
        try {
            s3.createBucket(bucket);
            String appId = emulator.createApp(app);
            Ready ready = new Ready(
                    emulator.endpoint().toString(),
                    s3.endpoint().toString(),
                    appId,
                    bucket,
                    s3.region().id(),
                    s3.accessKeyId(),
                    s3.secretAccessKey(),
                    profiles.endpoint().toString(),
                    domain);
            if (json.json) {
                Json.print(context.out(), ready);
            } else {
                banner(context.out(), ready);
            }
            context.err().println("Ready. Ctrl-C stops the emulator.");
            context.err().flush();
            context.stopSignal()
                    .orElseGet(CompletableFuture::new)
                    .toCompletableFuture()
                    .join();
            return ExitCodes.OK;
        } finally {
            if (context.stopSignal().isPresent()) {
                stop.run();
            }
        }
    }

    private void banner(PrintStream out, Ready r) {
        out.println("Pinpoint import emulator (" + pace + (keepEndpoints ? "" : ", endpoints not kept") + ")");
        out.println("  Pinpoint endpoint : " + r.pinpointEndpoint());
        out.println("  S3 endpoint       : " + r.s3Endpoint());
        out.println("  Application       : " + r.applicationId() + " (" + app + ")");
        out.println("  Bucket            : " + r.bucket());
        out.println("  Credentials       : any (these fixed test values work too: " + r.accessKeyId() + " / "
                + r.secretAccessKey() + "), region " + r.region());
        out.println("Customer Profiles emulator (" + pace + (keepProfiles ? "" : ", profiles not kept") + ")");
        out.println("  Customer Profiles endpoint : " + r.profilesEndpoint());
        out.println("  Domain                     : " + r.domain());
        out.println();
        out.println("In another shell:");
        out.println("  export AWS_ACCESS_KEY_ID=" + r.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + r.secretAccessKey()
                + " AWS_REGION=" + r.region() + " AWS_DEFAULT_REGION=" + r.region() + " AWS_PAGER=\"\"");
        String endpoints = " --endpoint-url " + r.pinpointEndpoint() + " --s3-endpoint-url " + r.s3Endpoint();
        out.println("  ./pinpoint-import import endpoints.csv --app " + r.applicationId() + " --role-arn " + ROLE_ARN
                + " --bucket " + r.bucket() + endpoints);
        out.println("  ./pinpoint-import jobs --app " + r.applicationId() + " --endpoint-url " + r.pinpointEndpoint());
        out.println("  aws --endpoint-url " + r.pinpointEndpoint() + " pinpoint get-import-jobs --application-id "
                + r.applicationId());
        out.println("  aws --endpoint-url " + r.s3Endpoint() + " s3 ls s3://" + r.bucket() + "/ --recursive");
        out.println(
                "  aws --endpoint-url " + r.profilesEndpoint() + " customer-profiles list-upload-jobs --domain-name "
                        + r.domain() + "   (upload-job commands: AWS CLI v1, botocore >= 1.39.3)");
        out.println("  aws --endpoint-url " + r.profilesEndpoint() + " customer-profiles search-profiles --domain-name "
                + r.domain() + " --key-name ProfileKey --values USER_ID");
        out.flush();
    }
}
