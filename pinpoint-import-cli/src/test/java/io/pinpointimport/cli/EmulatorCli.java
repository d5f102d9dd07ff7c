package io.pinpointimport.cli;

import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.model.EndpointDefinition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/**
 * The tool run in process against one Pinpoint emulator (and its local S3) per test class, with the options every
 * {@code import} there needs; faults set by a test are cleared after it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorCli CLI = new EmulatorCli("my-bucket", Pace.instant());
 * ...
 * Result r = CLI.run(CLI.importArgs(app, file.toString(), "--json"));
 * }</pre>
 */
final class EmulatorCli implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    private final String bucket;
    private final Pace pace;
    private PinpointEmulator emulator;
    private PinpointAsyncClient pinpoint;

    /**
     * @param bucket the bucket created for the class's imports
     * @param pace how the emulator's jobs move
     */
    EmulatorCli(String bucket, Pace pace) {
        this.bucket = bucket;
        this.pace = pace;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = PinpointEmulator.builder().pace(pace).start();
        emulator.s3().createBucket(bucket);
        pinpoint = emulator.newAsyncClient();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.faults().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pinpoint.close();
        emulator.close();
    }

    /** @return the emulator, started for the test class */
    PinpointEmulator emulator() {
        return emulator;
    }

    /** @return a client of the emulator, for looking at what an import left there */
    PinpointAsyncClient pinpoint() {
        return pinpoint;
    }

    /** @return the bucket the imports store their shards in */
    String bucket() {
        return bucket;
    }

    /**
     * @param args the command line
     * @return the run's exit code and output, with the emulator's credentials
     */
    Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    /**
     * @param stdin standard input
     * @param args the command line
     * @return the run's exit code and output, with the emulator's credentials
     */
    Result run(InputStream stdin, String... args) {
        return CliRunner.run(stdin, b -> b.credentialsProvider(emulator.s3().credentialsProvider()), args);
    }

    /**
     * @param app the application
     * @param more operands (files) and further options
     * @return {@code import} with {@code more}, into the application, through the emulator and its S3
     */
    String[] importArgs(String app, String... more) {
        List<String> a = new ArrayList<>(List.of("import"));
        a.addAll(List.of(more));
        a.addAll(List.of(
                "--app",
                app,
                "--role-arn",
                ROLE,
                "--bucket",
                bucket,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--s3-endpoint-url",
                emulator.s3().endpoint().toString()));
        return a.toArray(String[]::new);
    }

    /**
     * @param app the application
     * @param jobId the import job
     * @param more further options, such as {@code --wait}
     * @return {@code job ID} with {@code more}, through the emulator
     */
    String[] jobArgs(String app, String jobId, String... more) {
        List<String> a = new ArrayList<>(List.of("job", jobId));
        a.addAll(List.of(more));
        a.addAll(List.of(
                "--app",
                app,
                "--region",
                "us-east-1",
                "--endpoint-url",
                emulator.endpoint().toString()));
        return a.toArray(String[]::new);
    }

    /**
     * @param app the application
     * @param prefix where in the bucket this import's shards go, apart from other imports'
     * @param more operands (files) and further options
     * @return {@code import} with {@code more} and {@code --json}: the summary as one JSON document on standard output
     */
    String[] importJsonArgs(String app, String prefix, String... more) {
        List<String> a = new ArrayList<>(List.of(more));
        a.addAll(List.of("--prefix", prefix, "--json"));
        return importArgs(app, a.toArray(String[]::new));
    }

    /**
     * @param app the application
     * @param definitions endpoints by their ids
     * @return each one's endpoint as the emulator holds it, in the same order; empty where it holds none. The
     *     requests are all in flight at once: one after another, 600 of them took half a minute on a loaded machine.
     */
    List<Optional<EndpointResponse>> endpoints(String app, List<EndpointDefinition> definitions) {
        List<CompletableFuture<Optional<EndpointResponse>>> pending = definitions.stream()
                .map(d -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(d.id()))
                        .handle((r, t) -> {
                            if (t == null) {
                                return Optional.of(r.endpointResponse());
                            }
                            if (t.getCause() instanceof NotFoundException) {
                                return Optional.<EndpointResponse>empty();
                            }
                            throw new CompletionException(t);
                        }))
                .toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Every definition landed in the application as defined: its channel, address and attributes.
     *
     * @param soft where the assertions collect
     * @param app the application
     * @param definitions what was imported
     */
    void assertLanded(SoftAssertions soft, String app, List<EndpointDefinition> definitions) {
        List<Optional<EndpointResponse>> landed = endpoints(app, definitions);
        for (int i = 0; i < definitions.size(); i++) {
            EndpointDefinition d = definitions.get(i);
            soft.assertThat(landed.get(i)).as(d.id() + " landed").isPresent();
            landed.get(i).ifPresent(e -> {
                soft.assertThat(e.channelTypeAsString())
                        .as(d.id() + " ChannelType")
                        .isEqualTo(d.channelTypeAsString());
                soft.assertThat(e.address()).as(d.id() + " Address").isEqualTo(d.address());
                soft.assertThat(e.attributes()).as(d.id() + " Attributes").isEqualTo(d.attributes());
            });
        }
    }

    /**
     * @param app the application
     * @return its import jobs, every page
     */
    List<ImportJobResponse> jobs(String app) {
        return jobs(pinpoint, app);
    }

    /**
     * @param pinpoint a client of any Pinpoint (emulator)
     * @param app the application
     * @return its import jobs, read page by page (the SDK has no paginator for GetImportJobs)
     */
    static List<ImportJobResponse> jobs(PinpointAsyncClient pinpoint, String app) {
        List<ImportJobResponse> all = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ImportJobsResponse r = pinpoint.getImportJobs(
                            b -> b.applicationId(app).pageSize("100").token(page))
                    .join()
                    .importJobsResponse();
            all.addAll(r.item());
            token = r.nextToken();
        } while (token != null);
        return all;
    }

    /** @return the environment a child JVM running the tool needs: the emulator's credentials and a region */
    Map<String, String> childEnvironment() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", emulator.s3().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", emulator.s3().secretAccessKey(),
                "AWS_REGION", "us-east-1");
    }
}
