package io.pinpointimport.s3;

import io.pinpointimport.emulator.LocalS3;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The emulator's {@link LocalS3} with this module's test credentials, and clients for it or for a WireMock proxy in
 * front of it. Start one server per test class ({@code @BeforeAll}) and close it in {@code @AfterAll}.
 *
 * <p>S3Proxy cannot serve {@code GET ?partNumber=N} of a multipart object, so read objects back with
 * {@link #plainClient(URI)}, never with a multipart-enabled one.
 */
final class S3Clients {
    /** The access key id the server accepts. */
    static final String ACCESS_KEY = "test-access-key";
    /** The secret the server accepts; tests assert it never shows up in messages. */
    static final String SECRET_KEY = "test-secret-Kx9vQ2pL7wRzT4mN";

    private S3Clients() {}

    /** @return a started in-memory S3 server with {@link #ACCESS_KEY} and {@link #SECRET_KEY} */
    static LocalS3 start() {
        return LocalS3.builder()
                .accessKeyId(ACCESS_KEY)
                .secretAccessKey(SECRET_KEY)
                .start();
    }

    /** @return a builder for a path-style client with the server's credentials, aimed at {@code endpoint} */
    static S3AsyncClientBuilder clientBuilder(URI endpoint) {
        return S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
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
}
