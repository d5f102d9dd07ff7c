package io.pinpointimport.emulator;

import java.net.URI;
import java.util.Objects;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * A real S3 server in this JVM: S3Proxy with an in-memory store, listening on the loopback interface only.
 *
 * <p>Objects live in memory and vanish on {@link #close()}. Like LocalStack and moto, the server accepts requests
 * signed with any credentials (or none), so tools keep the credentials the user's environment already has; clients
 * made by {@link #newAsyncClient()} and {@link #newClient()} sign with {@link #accessKeyId()} /
 * {@link #secretAccessKey()}. {@link Builder#checkCredentials(boolean)} makes it check SigV2/SigV4 signatures against
 * those, for tests of a client's credential set-up.
 *
 * <pre>{@code
 * try (LocalS3 s3 = LocalS3.start()) {
 *     s3.createBucket("imports");
 *     S3AsyncClient client = s3.newAsyncClient();
 *     ...
 * }
 * }</pre>
 */
public final class LocalS3 implements AutoCloseable {

    /** Access key id the server accepts unless the builder sets another: {@value}. */
    public static final String DEFAULT_ACCESS_KEY_ID = "testkit";
    /** Secret access key the server accepts unless the builder sets another: {@value}. */
    public static final String DEFAULT_SECRET_ACCESS_KEY = "testkit-secret";
    /** The region clients are configured for: {@code us-east-1}. */
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;

    private final boolean checksCredentials;

    private LocalS3(
            S3Proxy proxy,
            BlobStore blobStore,
            URI endpoint,
            String accessKeyId,
            String secretAccessKey,
            boolean checksCredentials) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.checksCredentials = checksCredentials;
    }

    /**
     * Starts a server on a random free port of 127.0.0.1 with the default credentials.
     *
     * @return the running server
     * @throws IllegalStateException if the server cannot start
     */
    public static LocalS3 start() {
        return builder().start();
    }

    /** @return a builder for a server with a chosen port or credentials */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the server's base URL, {@code http://127.0.0.1:PORT} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the port the server listens on */
    public int port() {
        return endpoint.getPort();
    }

    /** @return whether the server checks signatures against {@link #accessKeyId()} / {@link #secretAccessKey()} */
    public boolean checksCredentials() {
        return checksCredentials;
    }

    /** @return the access key id the server's own clients sign with (and checks, if it checks credentials) */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** @return the secret access key the server accepts (a test value, never a real credential) */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** @return the region clients should sign for, {@link #DEFAULT_REGION} */
    public Region region() {
        return DEFAULT_REGION;
    }

    /** @return a static credentials provider for {@link #accessKeyId()} and {@link #secretAccessKey()} */
    public StaticCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /**
     * Makes an async client for this server: path-style addressing, static credentials, multipart uploads
     * enabled. The caller closes it.
     *
     * <p>S3Proxy cannot serve {@code GET ?partNumber=N} for multipart objects, which a multipart-enabled client
     * uses to download; read objects back with {@link #newClient()} or a client made by {@link #newAsyncClient(boolean)}
     * with {@code false}.
     *
     * @return a new client
     */
    public S3AsyncClient newAsyncClient() {
        return newAsyncClient(true);
    }

    /**
     * Makes an async client for this server, with or without the SDK's multipart support. The caller closes it.
     *
     * @param multipart whether uploads (and downloads) use multipart requests
     * @return a new client
     */
    public S3AsyncClient newAsyncClient(boolean multipart) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .multipartEnabled(multipart)
                .region(DEFAULT_REGION)
                .credentialsProvider(credentialsProvider())
                .build();
    }

    /**
     * Makes a plain synchronous client for this server (path-style, static credentials); GETs work on multipart
     * objects. The caller closes it.
     *
     * @return a new client
     */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(DEFAULT_REGION)
                .credentialsProvider(credentialsProvider())
                .build();
    }

    /**
     * Creates a bucket; does nothing if it exists already.
     *
     * @param name the bucket name
     */
    public void createBucket(String name) {
        Objects.requireNonNull(name, "name");
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
    }

    /** Deletes every bucket and every object in it; the server keeps running on the same port. */
    public void reset() {
        for (Bucket bucket : blobStore.list().buckets()) {
            blobStore.deleteContainer(bucket.name());
        }
    }

    /** Stops the server and drops its data. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        } finally {
            blobStore.close();
        }
    }

    @Override
    public String toString() {
        return "LocalS3[" + endpoint + "]";
    }

    /** Settings for a {@link LocalS3}; {@link #start()} starts the server. */
    public static final class Builder {
        private int port;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private boolean checkCredentials;

        private Builder() {}

        /**
         * Whether the server checks SigV2/SigV4 signatures against the access key id and secret set here; default
         * {@code false}: any credentials, and none, are accepted (as LocalStack and moto do), so the AWS CLI and SDKs
         * work with whatever credentials the user's environment has.
         *
         * @param checkCredentials {@code true} to refuse requests not signed with this server's credentials (403)
         * @return this builder
         */
        public Builder checkCredentials(boolean checkCredentials) {
            this.checkCredentials = checkCredentials;
            return this;
        }

        /**
         * @param port the port on 127.0.0.1; {@code 0} (the default) picks a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param accessKeyId the access key id of the server's clients (checked with {@link #checkCredentials});
         *                    default {@link #DEFAULT_ACCESS_KEY_ID}
         * @return this builder
         */
        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            return this;
        }

        /**
         * @param secretAccessKey the secret of the server's clients (checked with {@link #checkCredentials});
         *                        default {@link #DEFAULT_SECRET_ACCESS_KEY}
         * @return this builder
         */
        public Builder secretAccessKey(String secretAccessKey) {
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /**
         * Starts the server and waits until it accepts requests.
         *
         * @return the running server
         * @throws IllegalStateException if it cannot start (for example the port is taken)
         */
        public LocalS3 start() {
            Properties properties = new Properties();
            properties.setProperty("jclouds.identity", accessKeyId);
            properties.setProperty("jclouds.credential", secretAccessKey);
            BlobStore blobStore = BlobStores.create("transient-nio2", properties);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(
                            checkCredentials ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE,
                            accessKeyId,
                            secretAccessKey)
                    // The SDK's multipart client sends x-amz-mp-object-size, which S3Proxy would refuse with 501.
                    .ignoreUnknownHeaders(true)
                    .jettyMaxThreads(16)
                    .build();
            try {
                proxy.start();
            } catch (Exception e) {
                blobStore.close();
                throw new IllegalStateException("S3Proxy did not start on 127.0.0.1:" + port, e);
            }
            // start() returns once Jetty's start() has returned, which is when the connector is bound.
            if (!"STARTED".equals(proxy.getState())) {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // already failing; the state is the error worth reporting
                }
                blobStore.close();
                throw new IllegalStateException("S3Proxy state after start: " + proxy.getState());
            }
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            return new LocalS3(proxy, blobStore, endpoint, accessKeyId, secretAccessKey, checkCredentials);
        }
    }
}
