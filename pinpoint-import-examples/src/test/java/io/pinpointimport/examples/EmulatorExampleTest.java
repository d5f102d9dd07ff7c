package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** docs/emulator.md: the emulator without JUnit, its faults, a create whose answer never arrives. */
class EmulatorExampleTest {

    @Test
    void runsAnImportJobWithoutJUnitsExtension() {
        JobStatus status;
        // tag::emulator-start[]
        try (PinpointEmulator emulator = PinpointEmulator.builder().pace(Pace.steps()).start()) {
            String appId = emulator.createApp("test");            // 32 hex characters
            emulator.s3().createBucket("imports");
            try (PinpointAsyncClient pinpoint = emulator.newAsyncClient();
                 S3AsyncClient s3 = emulator.s3().newAsyncClient()) {
                s3.putObject(b -> b.bucket("imports").key("run-1/endpoints.csv"),
                        AsyncRequestBody.fromString("ChannelType,Address\nEMAIL,jane@example.com\n")).join();
                String jobId = pinpoint.createImportJob(b -> b.applicationId(appId).importJobRequest(r -> r
                                .format(Format.CSV).s3Url("s3://imports/run-1/").registerEndpoints(true)
                                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")))
                        .join().importJobResponse().id();
                // then getImportJob until COMPLETED or FAILED, as against AWS
                // end::emulator-start[]
                JobStatus last = null;
                for (int i = 0; i < 10 && last != JobStatus.COMPLETED; i++) {
                    last = pinpoint.getImportJob(b -> b.applicationId(appId).jobId(jobId)).join()
                            .importJobResponse().jobStatus();
                }
                status = last;
                // tag::emulator-start[]
            }
        }
        // end::emulator-start[]
        assertThat(status).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void plansFaults() {
        try (PinpointEmulator emulator = PinpointEmulator.start()) {
            // tag::faults[]
            emulator.faults()
                    .failNext(Operation.GET_IMPORT_JOB, 2, ModelledError.FORBIDDEN)   // any of the 7 errors, next N calls
                    .throttleNext(Operation.CREATE_IMPORT_JOB, 1)                     // 429
                    .serverErrorNext(Operation.GET_IMPORT_JOBS, 1)                    // 500
                    .delayNext(Operation.GET_IMPORT_JOB, 1, Duration.ofSeconds(5))    // or delay(op, d) for every call
                    .failNextJob("s3://b/p/part-1.csv line 3: Missing Address")       // next job FAILED with these lines
                    .denyRole("arn:aws:iam::123456789012:role/NoS3")                  // its jobs FAILED: access denied
                    .failNextCreateAfterRecording(ModelledError.INTERNAL_SERVER_ERROR) // job created, answer lost (500)
                    .dropNextCreateAfterRecording();                                   // job created, connection dropped
            // end::faults[]
            String appId = emulator.createApp("faults");
            try (PinpointAsyncClient pinpoint = emulator.newAsyncClientWithoutRetries()) {
                assertThat(pinpoint.getImportJobs(b -> b.applicationId(appId)))
                        .failsWithin(Duration.ofSeconds(30))
                        .withThrowableThat().withMessageContaining("500");
            }
        }
    }

    @Test
    void holdsTheAnswerOfACreate() throws Exception {
        try (PinpointEmulator emulator = PinpointEmulator.start()) {
            String appId = emulator.createApp("held");
            emulator.s3().createBucket("b");
            PinpointAsyncClient client = emulator.newAsyncClientWithoutRetries();
            // tag::hold-create[]
            CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
            // start the client under test here (another JVM, or any client)
            // end::hold-create[]
            var answer = client.createImportJob(b -> b.applicationId(appId).importJobRequest(r -> r
                    .format(Format.CSV).s3Url("s3://b/p/").roleArn("arn:aws:iam::123456789012:role/PinpointImport")));
            // tag::hold-create[]
            String jobId = recorded.get(30, TimeUnit.SECONDS);        // the job exists in the emulator
            // end::hold-create[]
            assertThat(answer).isNotDone();
            client.close();                                           // the client never saw the answer
            try (var sync = emulator.newClient()) {
                assertThat(sync.getImportJobs(b -> b.applicationId(appId)).importJobsResponse().item())
                        .singleElement().satisfies(j -> assertThat(j.id()).isEqualTo(jobId));
            }
        }
    }

    @Test
    void listsWhatItServed() {
        try (PinpointEmulator emulator = PinpointEmulator.start();
             PinpointAsyncClient pinpoint = emulator.newAsyncClient()) {
            String appId = emulator.createApp("served");
            emulator.faults().throttleNext(Operation.GET_IMPORT_JOBS, 1);
            pinpoint.getImportJobs(b -> b.applicationId(appId)).join();   // the SDK retries the 429
            // tag::emulator-requests[]
            List<ServedRequest> served = emulator.requests();          // oldest first
            long throttled = served.stream()
                    .filter(r -> r.operation() == Operation.GET_IMPORT_JOBS && r.httpStatus() == 429)
                    .count();
            // also jobId(), s3Url(), jobStatus(), body() and receivedNanos() of each request
            // end::emulator-requests[]
            assertThat(throttled).isEqualTo(1);
            assertThat(served).hasSize(2);
        }
    }
}
