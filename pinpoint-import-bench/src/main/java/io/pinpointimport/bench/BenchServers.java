package io.pinpointimport.bench;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Where the pipeline benchmark sends its shards and jobs: either an emulator and S3 server in another JVM (the
 * testkit's {@code EmulatorMain}, found through its {@code --ready-file}), so that the measured JVM holds only the
 * pipeline, or, for the smoke test, both started in this JVM.
 */
final class BenchServers implements AutoCloseable {
    /** Part size and multipart threshold, as {@code S3ShardStore}'s Javadoc recommends. */
    static final long PART_BYTES = 16L << 20;

    final URI s3Endpoint;
    final URI pinpointEndpoint;
    final String appId;
    final String bucket;
    final StaticCredentialsProvider credentials;
    final Region region;
    private final Runnable owned;

    private BenchServers(Map<String, String> env, Runnable owned) {
        this.s3Endpoint = URI.create(env.get("S3_ENDPOINT"));
        this.pinpointEndpoint = URI.create(env.get("PINPOINT_ENDPOINT"));
        this.appId = env.get("APP_ID");
        this.bucket = env.get("BUCKET");
        this.credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
        this.region = Region.of(env.get("AWS_DEFAULT_REGION"));
        this.owned = owned;
    }

    /** Reads the KEY=value lines {@code EmulatorMain --ready-file} wrote. */
    static BenchServers fromReadyFile(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new BenchServers(env, null);
    }

    /** Starts S3 and the emulator (instant pace) in this JVM; closing this stops them. */
    static BenchServers inProcess() {
        LocalS3 s3 = LocalS3.start();
        PinpointEmulator emulator;
        try {
            emulator = PinpointEmulator.builder().s3(s3).pace(Pace.instant()).start();
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        String bucket = "pinpoint-import";
        s3.createBucket(bucket);
        String appId = emulator.createApp("bench");
        Map<String, String> env = new HashMap<>();
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("PINPOINT_ENDPOINT", emulator.endpoint().toString());
        env.put("APP_ID", appId);
        env.put("BUCKET", bucket);
        env.put("AWS_ACCESS_KEY_ID", s3.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", s3.region().id());
        return new BenchServers(env, () -> {
            try {
                emulator.close();
            } finally {
                s3.close();
            }
        });
    }

    /** @return a multipart S3 client for these servers; the caller closes it */
    S3AsyncClient newS3() {
        return S3AsyncClient.builder()
                .endpointOverride(s3Endpoint)
                .forcePathStyle(true)
                .region(region)
                .credentialsProvider(credentials)
                .multipartEnabled(true)
                .multipartConfiguration(
                        m -> m.minimumPartSizeInBytes(PART_BYTES).thresholdInBytes(PART_BYTES))
                .build();
    }

    /** @return a Pinpoint client for the emulator; the caller closes it */
    PinpointAsyncClient newPinpoint() {
        return PinpointAsyncClient.builder()
                .endpointOverride(pinpointEndpoint)
                .region(region)
                .credentialsProvider(credentials)
                .build();
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.run();
        }
    }
}
