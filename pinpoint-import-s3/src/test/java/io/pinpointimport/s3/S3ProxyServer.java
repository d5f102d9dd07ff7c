package io.pinpointimport.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * An in-memory S3 server on a random loopback port, for tests: S3Proxy with the {@code transient-nio2} store.
 * Start one per test class ({@code @BeforeAll}) and {@link #close()} it in {@code @AfterAll}.
 *
 * <p>{@code ignoreUnknownHeaders(true)} is needed because the SDK's multipart client sends {@code x-amz-mp-object-size}
 * on CompleteMultipartUpload, which S3Proxy otherwise rejects with 501. S3Proxy cannot serve {@code GET ?partNumber=N}
 * of a multipart object, so read objects back with {@link #plainClient(URI)}, never with a multipart-enabled one.
 */
final class S3ProxyServer implements AutoCloseable {
    /** The access key id the server accepts. */
    static final String ACCESS_KEY = "test-access-key";
    /** The secret the server accepts; tests assert it never shows up in messages. */
    static final String SECRET_KEY = "test-secret-Kx9vQ2pL7wRzT4mN";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Starts a server and waits (bounded) until it listens. */
    static S3ProxyServer start() throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.identity", ACCESS_KEY);
        props.setProperty("jclouds.credential", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient-nio2", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
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
        return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** @return the server's base URL, such as {@code http://127.0.0.1:41234} */
    URI endpoint() {
        return endpoint;
    }

    /** @return a builder for a path-style client with the server's credentials, aimed at {@code endpoint} */
    static S3AsyncClientBuilder clientBuilder(URI endpoint) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** @return a multipart-enabled client: parts of {@code partSize}, multipart above {@code threshold} */
    static S3AsyncClient multipartClient(URI endpoint, long partSize, long threshold) {
        return clientBuilder(endpoint)
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(partSize).thresholdInBytes(threshold))
                .build();
    }

    /** @return a client without multipart, for reading objects back */
    static S3AsyncClient plainClient(URI endpoint) {
        return clientBuilder(endpoint).build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        }
    }
}
