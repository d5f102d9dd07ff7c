package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.Pace;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link PinpointEmulator#requests()}: what was asked, about which job, and what was answered, in order. */
class RequestLogEmulatorTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    static PinpointEmulator emulator;
    static PinpointClient client;
    String app;

    @BeforeAll
    static void start() {
        emulator = PinpointEmulator.builder().pace(Pace.steps()).start();
        emulator.s3().createBucket("log");
        try (S3Client s3 = emulator.s3().newClient()) {
            s3.putObject(
                    b -> b.bucket("log").key("p/a.csv"),
                    RequestBody.fromString("Id,ChannelType,Address\nl-1,EMAIL,a@example.com\n"));
        }
        client = PinpointClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(emulator.s3().region())
                .credentialsProvider(emulator.s3().credentialsProvider())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        app = emulator.createApp("log");
    }

    ImportJobResponse create() {
        return client.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://log/p/")
                                .roleArn(ROLE)
                                .registerEndpoints(true)))
                .importJobResponse();
    }

    @Test
    void listsEachRequestWithItsJobAndAnswerInOrder() {
        long before = System.nanoTime();
        ImportJobResponse job = create();
        client.getImportJob(r -> r.applicationId(app).jobId(job.id()));
        client.getImportJobs(r -> r.applicationId(app));

        List<ServedRequest> served = emulator.requests();

        assertThat(served)
                .extracting(ServedRequest::operation)
                .containsExactly(Operation.CREATE_IMPORT_JOB, Operation.GET_IMPORT_JOB, Operation.GET_IMPORT_JOBS);
        ServedRequest create = served.get(0);
        assertThat(create.jobId()).isEqualTo(job.id());
        assertThat(create.s3Url()).isEqualTo("s3://log/p/");
        assertThat(create.httpStatus()).isEqualTo(201);
        assertThat(create.succeeded()).isTrue();
        assertThat(create.jobStatus()).isEqualTo("CREATED");
        assertThat(create.body()).contains("\"RoleArn\":\"" + ROLE + "\"").contains("\"Format\":\"CSV\"");
        ServedRequest get = served.get(1);
        assertThat(get.jobId()).isEqualTo(job.id());
        assertThat(get.s3Url()).isEqualTo("s3://log/p/");
        assertThat(get.httpStatus()).isEqualTo(200);
        assertThat(get.jobStatus()).isEqualTo("INITIALIZING");
        assertThat(get.body()).isEmpty();
        assertThat(served.get(2).jobId()).isNull();
        assertThat(served.get(2).jobStatus()).isNull();
        assertThat(served)
                .extracting(ServedRequest::receivedNanos)
                .isSorted()
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(before));
        assertThat(create.toString())
                .doesNotContain(ROLE)
                .contains("CREATE_IMPORT_JOB")
                .contains("201");
    }

    @Test
    void errorsInjectedFaultsAndLostAnswersAreListedWithWhatTheClientGot() {
        emulator.faults().serverErrorNext(Operation.CREATE_IMPORT_JOB, 1);
        assertThatThrownBy(this::create).isInstanceOf(InternalServerErrorException.class);
        emulator.faults().dropNextCreateAfterRecording();
        assertThatThrownBy(this::create).isInstanceOf(SdkClientException.class);
        assertThatThrownBy(() -> client.getImportJob(r -> r.applicationId(app).jobId("0".repeat(32))))
                .isInstanceOf(NotFoundException.class);

        List<ServedRequest> served = emulator.requests();

        assertThat(served).hasSize(3);
        assertThat(served.get(0).httpStatus()).isEqualTo(500);
        assertThat(served.get(0).jobId()).as("refused: no job").isNull();
        assertThat(served.get(0).s3Url()).isEqualTo("s3://log/p/");
        assertThat(served.get(1).httpStatus()).as("closed without an answer").isZero();
        assertThat(served.get(1).succeeded()).isFalse();
        assertThat(served.get(1).jobId()).as("the job exists").isNotNull();
        assertThat(served.get(2).httpStatus()).isEqualTo(404);
        assertThat(served.get(2).jobId()).isEqualTo("0".repeat(32));
    }

    @Test
    void resetForgetsTheRequests() {
        create();
        assertThat(emulator.requests()).hasSize(1);

        emulator.reset();

        assertThat(emulator.requests()).isEmpty();
    }
}
