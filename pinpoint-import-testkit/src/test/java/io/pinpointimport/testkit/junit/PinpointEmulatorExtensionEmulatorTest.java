package io.pinpointimport.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.s3.S3AsyncClient;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinpointEmulatorExtensionEmulatorTest {
    @RegisterExtension
    static final PinpointEmulatorExtension PINPOINT =
            PinpointEmulatorExtension.builder().bucket("ext-test").build();

    private static final List<String> APPS = new ArrayList<>();
    private static final List<PinpointEmulator> EMULATORS = new ArrayList<>();

    @AfterAll
    static void oneEmulatorForTheClassAndOneAppPerTest() {
        assertThat(EMULATORS).hasSize(3).containsOnly(EMULATORS.get(0));
        assertThat(APPS).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    @Order(1)
    void injectsReadyClientsABucketAndAFreshApplication(
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            PinpointEmulator emulator,
            LocalS3 localS3,
            @Bucket String bucket,
            @ApplicationId String appId) {
        EMULATORS.add(emulator);
        APPS.add(appId);

        assertThat(bucket).isEqualTo("ext-test").isEqualTo(PINPOINT.bucket());
        assertThat(appId).isEqualTo(PINPOINT.applicationId());
        assertThat(pinpoint).isSameAs(PINPOINT.pinpoint());
        assertThat(s3).isSameAs(PINPOINT.s3());
        assertThat(emulator).isSameAs(PINPOINT.emulator());
        assertThat(localS3).isSameAs(emulator.s3()).isSameAs(PINPOINT.localS3());
        assertThat(pinpoint.getApp(b -> b.applicationId(appId))
                        .join()
                        .applicationResponse()
                        .id())
                .isEqualTo(appId);
        assertThat(s3.headBucket(b -> b.bucket(bucket)).join().sdkHttpResponse().isSuccessful())
                .isTrue();

        s3.putObject(b -> b.bucket(bucket).key("left-over.csv"), AsyncRequestBody.fromString("ChannelType,Address\n"))
                .join();
        pinpoint.createImportJob(b -> b.applicationId(appId)
                        .importJobRequest(r -> r.format(Format.CSV)
                                .s3Url("s3://" + bucket + "/left-over.csv")
                                .roleArn("arn:aws:iam::123456789012:role/Import")
                                .registerEndpoints(true)))
                .join();
    }

    @Test
    @Order(2)
    void stateIsResetBetweenTests(
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            PinpointEmulator emulator,
            @Bucket String bucket,
            @ApplicationId String appId) {
        EMULATORS.add(emulator);
        APPS.add(appId);

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).join().contents()).isEmpty();
        Throwable oldApp = catchThrowable(
                () -> pinpoint.getImportJobs(b -> b.applicationId(APPS.get(0))).join());
        assertThat(oldApp).isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotFoundException.class);
        assertThat(pinpoint.getImportJobs(b -> b.applicationId(appId))
                        .join()
                        .importJobsResponse()
                        .item())
                .isEmpty();
    }

    @Test
    @Order(3)
    void theExtensionsAccessorsWorkWithoutParameters() {
        EMULATORS.add(PINPOINT.emulator());
        APPS.add(PINPOINT.applicationId());
        assertThat(PINPOINT.pinpoint()
                        .getApp(b -> b.applicationId(PINPOINT.applicationId()))
                        .join()
                        .applicationResponse()
                        .name())
                .isEqualTo("theExtensionsAccessorsWorkWithoutParameters");
        assertThat(PINPOINT.toString()).contains("PinpointEmulator");
    }
}
