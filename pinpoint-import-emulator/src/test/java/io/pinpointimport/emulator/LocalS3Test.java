package io.pinpointimport.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

class LocalS3Test {

    static LocalS3 s3;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void multipartUploadsAreReadableWithThePlainClientAndResetEmptiesEverything() {
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
        s3.createBucket("local-s3");
        s3.createBucket("local-s3"); // idempotent
        byte[] data = new byte[12 * 1024 * 1024];
        new Random(6).nextBytes(data);
        try (S3AsyncClient async = s3.newAsyncClient();
                S3Client plain = s3.newClient()) {
            String etag = async.putObject(b -> b.bucket("local-s3").key("big.bin"), AsyncRequestBody.fromBytes(data))
                    .join()
                    .eTag();
            assertThat(etag).as("uploaded in parts").contains("-");
            assertThat(plain.getObjectAsBytes(b -> b.bucket("local-s3").key("big.bin"))
                            .asByteArray())
                    .isEqualTo(data);

            s3.reset();
            assertThat(plain.listBuckets().buckets()).isEmpty();
        }
    }
}
