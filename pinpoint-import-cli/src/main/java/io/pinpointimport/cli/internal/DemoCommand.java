package io.pinpointimport.cli.internal;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.ReadResult;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.Profile;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** {@code demo}: the whole flow on the embedded emulator, in seconds, with nothing to set up. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "The whole flow in seconds, with nothing to set up: starts the local Pinpoint import emulator"
                    + " and S3 in this process, creates an application and a bucket, imports a bundled sample (the AWS"
                    + " documentation's 3 example endpoints plus generated ones) in several shards, shows progress and the"
                    + " summary, and reads a few endpoints back.",
            "With --target customer-profiles: the same into the local Customer Profiles emulator (a domain, one upload"
                    + " job per shard), reading the bundled users' profiles back.",
            "Nothing leaves this machine, and everything stops when the demo ends."
        })
public final class DemoCommand implements Callable<Integer> {
    /** Default {@code --records}: {@value} generated endpoints on top of the 3 bundled ones. */
    public static final int DEFAULT_RECORDS = 1000;
    /** Default {@code --max-shard-size}: {@value} bytes, small so that the sample makes several shards. */
    public static final long DEFAULT_MAX_SHARD_BYTES = 64_000;
    /** The application the demo creates. */
    public static final String APP_NAME = "pinpoint-import-demo";
    /** The bucket the demo creates. */
    public static final String BUCKET = "pinpoint-import-demo";
    /** The role the demo's jobs name (the emulator does not assume it). */
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointImportDemo";
    /**
     * How much faster than the real service the emulator moves jobs on: {@value}, so that the demo shows jobs
     * going through their states and still ends in seconds.
     */
    public static final double SPEED = 20;
    /** The Customer Profiles domain the demo creates: {@value}. */
    public static final String PROFILES_DOMAIN = "pinpoint-import-demo";
    /** The {@code DataExpiry} of the demo's upload jobs, in days: {@value}. */
    public static final int PROFILES_DATA_EXPIRY_DAYS = 30;
    /** How many generated endpoints the demo reads back, after the 3 bundled ones: {@value}. */
    public static final int READ_BACK_GENERATED = 3;

    private final CliContext context;

    @Option(
            names = "--records",
            paramLabel = "N",
            description = "Generated endpoints to import with the 3 bundled ones. Default: " + DEFAULT_RECORDS + ".")
    int records = DEFAULT_RECORDS;

    @Option(
            names = "--max-shard-size",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "Largest shard, small so that the sample makes several shards and jobs." + " Default: 64KB.")
    long maxShardBytes = DEFAULT_MAX_SHARD_BYTES;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Shard format: csv or json (newline-delimited). Default: csv.")
    ImportFormat format = ImportFormat.CSV;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the generated endpoints (the same seed gives the same endpoints)."
                    + " Default: the fixtures' own.")
    long seed = EndpointFixtures.DEFAULT_SEED;

    @Option(
            names = "--target",
            paramLabel = "TARGET",
            converter = TargetOptions.TargetConverter.class,
            description = "pinpoint (the Pinpoint import emulator and S3) or customer-profiles (the Customer"
                    + " Profiles emulator: one upload job per shard, one profile per user). Default: pinpoint.")
    TargetOptions.Target target = TargetOptions.Target.PINPOINT;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public DemoCommand(CliContext context) {
        this.context = context;
    }

    /**
     * What the demo runs against.
     *
     * @param pinpoint a client of the emulator
     * @param s3 a client of its S3
     * @param applicationId the application created for the demo
     * @param bucket the bucket created for the demo
     * @param pinpointUrl the emulator's URL, for the closing hint
     * @param s3Url the S3 URL, for the closing hint
     */
    record Services(
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            String applicationId,
            String bucket,
            String pinpointUrl,
            String s3Url) {}

    /** A read-back endpoint, masked. */
    record ReadBack(String id, String channel, String address, String userId, String country, String status) {}

    /** A read-back profile, masked. */
    record ProfileBack(String key, String email, String phone, String country, int attributes) {}

    /** Document printed with {@code --json} for {@code --target customer-profiles}. */
    record ProfilesDocument(String domain, ImportReport.Summary summary, List<ProfileBack> readBack) {}

    /** Document printed with {@code --json}. */
    record Document(String applicationId, String bucket, ImportReport.Summary summary, List<ReadBack> readBack) {}

    @Override
    public Integer call() {
        Checks.atLeast("--records", records, 0);
        Checks.maxShardSize("--max-shard-size", maxShardBytes);
        if (target == TargetOptions.Target.CUSTOMER_PROFILES) {
            context.err().println("Starting the local Customer Profiles emulator (in this process)...");
            context.err().flush();
            return LocalServices.runProfiles(context, Pace.speed(SPEED), this::demoProfiles);
        }
        context.err().println("Starting the local Pinpoint import emulator and S3 (in this process)...");
        context.err().flush();
        return LocalServices.run(context, Pace.speed(SPEED), this::demo);
    }

    int demoProfiles(CustomerProfilesAsyncClient profiles, String profilesUrl) {
        List<EndpointDefinition> generated =
                EndpointFixtures.builder().seed(seed).build().list(records);
        List<EndpointDefinition> sample = new ArrayList<>(seedEndpoints());
        sample.addAll(generated);
        context.err()
                .printf(
                        "Importing %d endpoints (3 bundled + %d generated) into Customer Profiles domain %s,"
                                + " shards of at most %d bytes, one upload job each%n",
                        sample.size(), generated.size(), PROFILES_DOMAIN, maxShardBytes);
        context.err().flush();
        EndpointImporter.Builder builder = EndpointImporter.builder()
                .importTarget(CustomerProfilesImportTarget.builder()
                        .client(profiles)
                        .domainName(PROFILES_DOMAIN)
                        .dataExpiry(Duration.ofDays(PROFILES_DATA_EXPIRY_DAYS))
                        .build())
                .format(format)
                .maxShardBytes(maxShardBytes)
                .polling(p -> p.earlyInterval(Duration.ofMillis(100))
                        .minInterval(Duration.ofMillis(100))
                        .maxInterval(Duration.ofMillis(500)));
        Rejections rejections = new Rejections(new RejectionOptions());
        ImportCommand.Outcome outcome =
                ImportCommand.execute(context, builder, importer -> importer.importEndpoints(sample), rejections);
        if (outcome.tooMany() != null) {
            return ImportReport.tooManyRejections(context, json.json, outcome.tooMany(), outcome.summary(), rejections);
        }
        List<ProfileBack> readBack = readBackProfiles(profiles);
        if (json.json) {
            Json.print(
                    context.out(),
                    new ProfilesDocument(
                            PROFILES_DOMAIN, ImportReport.document(outcome.summary(), rejections), readBack));
        } else {
            PrintStream out = context.out();
            ImportReport.print(out, outcome.summary(), rejections);
            out.println();
            out.println("Read back from the emulator (SearchProfiles by _account for the bundled users; keys and"
                    + " addresses masked):");
            Table t = Table.of("PROFILE KEY", "EMAIL", "PHONE", "COUNTRY", "ATTRIBUTES");
            readBack.forEach(r -> t.row(r.key(), r.email(), r.phone(), r.country(), r.attributes()));
            t.print(out);
            out.println();
            out.println("Done. Against AWS, the same flow is: ./pinpoint-import import FILE --target"
                    + " customer-profiles --domain DOMAIN --data-expiry-days DAYS");
            out.println("To keep an emulator running for your own tries: ./pinpoint-import emulator");
            out.flush();
        }
        return ImportReport.exitCode(context, outcome.summary(), 0);
    }

    private List<ProfileBack> readBackProfiles(CustomerProfilesAsyncClient profiles) {
        List<String> users =
                seedEndpoints().stream().map(d -> d.user().userId()).distinct().toList();
        List<ProfileBack> found = new ArrayList<>();
        for (Profile p : profiles.searchProfiles(
                        r -> r.domainName(PROFILES_DOMAIN).keyName("_account").values(users))
                .join()
                .items()) {
            found.add(new ProfileBack(
                    Mask.of(p.accountNumber()),
                    Mask.of(p.emailAddress()),
                    Mask.of(p.phoneNumber()),
                    p.address() == null ? null : p.address().country(),
                    p.hasAttributes() ? p.attributes().size() : 0));
        }
        return found;
    }

    int demo(Services services) {
        List<EndpointDefinition> generated =
                EndpointFixtures.builder().seed(seed).build().list(records);
        List<EndpointDefinition> sample = new ArrayList<>(seedEndpoints());
        sample.addAll(generated);
        context.err()
                .printf(
                        "Importing %d endpoints (3 bundled + %d generated) into application %s, shards of at"
                                + " most %d bytes, through s3://%s/...%n",
                        sample.size(), generated.size(), services.applicationId(), maxShardBytes, services.bucket());
        context.err().flush();
        EndpointImporter.Builder builder = EndpointImporter.builder()
                .pinpoint(services.pinpoint())
                .applicationId(services.applicationId())
                .roleArn(ROLE_ARN)
                .shardStore(S3ShardStore.builder()
                        .s3(services.s3())
                        .bucket(services.bucket())
                        .prefix("demo/")
                        .build())
                .format(format)
                .maxShardBytes(maxShardBytes)
                // The emulator finishes jobs in moments: check more often than the 5 s of the first minute
                // with the real service.
                .polling(p -> p.earlyInterval(Duration.ofMillis(100))
                        .minInterval(Duration.ofMillis(100))
                        .maxInterval(Duration.ofMillis(500)));
        Rejections rejections = new Rejections(new RejectionOptions());
        ImportCommand.Outcome outcome =
                ImportCommand.execute(context, builder, importer -> importer.importEndpoints(sample), rejections);
        if (outcome.tooMany() != null) {
            // The sample is valid by construction; this would be a bug in the generator or the validator.
            return ImportReport.tooManyRejections(context, json.json, outcome.tooMany(), outcome.summary(), rejections);
        }
        List<ReadBack> readBack = readBack(services, generated);
        if (json.json) {
            Json.print(
                    context.out(),
                    new Document(
                            services.applicationId(),
                            services.bucket(),
                            ImportReport.document(outcome.summary(), rejections),
                            readBack));
        } else {
            PrintStream out = context.out();
            ImportReport.print(out, outcome.summary(), rejections);
            out.println();
            out.println("Read back from the emulator (GetUserEndpoints for the bundled ones, GetEndpoint; addresses"
                    + " and user ids masked):");
            Table t = Table.of("ENDPOINT ID", "CHANNEL", "ADDRESS", "USER ID", "COUNTRY", "STATUS");
            readBack.forEach(r -> t.row(r.id(), r.channel(), r.address(), r.userId(), r.country(), r.status()));
            t.print(out);
            out.println();
            out.println("Done. Against AWS, the same flow is: ./pinpoint-import import FILE --app APP_ID"
                    + " --role-arn ARN --bucket BUCKET");
            out.println("To keep an emulator running for your own tries: ./pinpoint-import emulator");
            out.flush();
        }
        return ImportReport.exitCode(context, outcome.summary(), 0);
    }

    private List<ReadBack> readBack(Services services, List<EndpointDefinition> generated) {
        List<EndpointResponse> found = new ArrayList<>();
        // The bundled endpoints have no Id (the service assigns one): find them by their user ids.
        seedEndpoints().stream()
                .map(d -> d.user().userId())
                .distinct()
                .forEach(userId -> found.addAll(services.pinpoint()
                        .getUserEndpoints(
                                r -> r.applicationId(services.applicationId()).userId(userId))
                        .join()
                        .endpointsResponse()
                        .item()));
        generated.stream()
                .filter(d -> d.id() != null)
                .limit(READ_BACK_GENERATED)
                .forEach(d -> found.add(services.pinpoint()
                        .getEndpoint(
                                r -> r.applicationId(services.applicationId()).endpointId(d.id()))
                        .join()
                        .endpointResponse()));
        return found.stream()
                .map(e -> new ReadBack(
                        e.id(),
                        e.channelTypeAsString(),
                        Mask.of(e.address()),
                        e.user() == null ? null : Mask.of(e.user().userId()),
                        e.location() == null ? null : e.location().country(),
                        e.endpointStatus()))
                .toList();
    }

    /** @return the AWS documentation's three example endpoints, bundled with the tool */
    static List<EndpointDefinition> seedEndpoints() {
        try (InputStream in = DemoCommand.class.getResourceAsStream("seed-endpoints.csv")) {
            if (in == null) {
                throw new IllegalStateException("seed-endpoints.csv is missing from the jar");
            }
            try (EndpointReader reader = EndpointReader.open(in, ImportFormat.CSV, "seed-endpoints.csv")) {
                return reader.stream().map(ReadResult::definition).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
