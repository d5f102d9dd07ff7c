package io.pinpointimport.cli;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-memory S3 server (S3Proxy, {@code transient-nio2}) on a random loopback port, for tests that pair it with
 * WireMock stubs of Pinpoint. Credentials: {@code test} / {@code test}, as {@link CliRunner} sends.
 */
public final class LocalS3Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3AsyncClient client;

    private LocalS3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = S3AsyncClient.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /**
     * @param buckets buckets to create
     * @return a started server
     * @throws Exception when it does not start
     */
    public static LocalS3Server start(String... buckets) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.identity", "test");
        props.setProperty("jclouds.credential", "test");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient-nio2", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test")
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
        LocalS3Server server = new LocalS3Server(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
        for (String b : buckets) {
            server.client.createBucket(r -> r.bucket(b)).join();
        }
        return server;
    }

    /** @return the server's URL */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * @param bucket a bucket
     * @return the keys in it
     */
    public List<String> keys(String bucket) {
        return client.listObjectsV2(r -> r.bucket(bucket)).join().contents().stream().map(S3Object::key).toList();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
