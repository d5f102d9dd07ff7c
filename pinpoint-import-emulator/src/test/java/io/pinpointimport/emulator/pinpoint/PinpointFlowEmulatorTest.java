package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.Pace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The acceptance flow: the real SDK clients, pointed at the testkit, with no other change.
 */
class PinpointFlowEmulatorTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;
    static S3AsyncClient s3;

    @BeforeAll
    static void start() {
        emulator = PinpointEmulator.builder().pace(Pace.steps()).start();
        pinpoint = emulator.newAsyncClient();
        s3 = emulator.s3().newAsyncClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        s3.close();
        emulator.close();
    }

    static void put(String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromString(text))
                .join();
    }

    @Test
    void createAppUploadImportPollListAndReadEndpoints() {
        String appId = pinpoint.createApp(r -> r.createApplicationRequest(c -> c.name("flow")))
                .join()
                .applicationResponse()
                .id();
        assertThat(appId).matches("[0-9a-f]{32}");
        assertThat(pinpoint.getApp(r -> r.applicationId(appId))
                        .join()
                        .applicationResponse()
                        .name())
                .isEqualTo("flow");

        s3.createBucket(b -> b.bucket("flow")).join();
        put("flow", "run-1/part-1.csv", """
                Id,ChannelType,Address,Location.Country,Demographic.Platform,User.UserId,User.UserAttributes.tier,\
                Attributes.interests,Attributes.interests,Metrics.purchases
                user-1-sms,SMS,+16045550182,CA,Android,example-user-id-1,gold,cooking,hiking,3
                user-2-email,EMAIL,john.stiles@example.com,US,iOS,example-user-id-2,silver,"music, live",,
                """);
        put("flow", "run-1/more/part-2.csv", """
                Id,ChannelType,Address,User.UserId,User.UserAttributes.city
                user-2-push,APNS,0123456789abcdef,example-user-id-2,Seattle
                """);
        put("flow", "run-1/ignored.json", "{\"ChannelType\":\"SMS\",\"Address\":\"+15555550100\"}\n");

        ImportJobResponse created = pinpoint.createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://flow/run-1/")
                                .roleArn(ROLE)
                                .registerEndpoints(true)))
                .join()
                .importJobResponse();
        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);
        assertThat(created.type()).isEqualTo("IMPORT");
        assertThat(created.definition().s3Url()).isEqualTo("s3://flow/run-1/");
        assertThat(created.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        List<JobStatus> seen = new ArrayList<>();
        ImportJobResponse job = created;
        for (int i = 0; i < 20 && job.jobStatus() != JobStatus.COMPLETED && job.jobStatus() != JobStatus.FAILED; i++) {
            job = pinpoint.getImportJob(r -> r.applicationId(appId).jobId(created.id()))
                    .join()
                    .importJobResponse();
            seen.add(job.jobStatus());
        }
        assertThat(seen)
                .containsExactly(
                        JobStatus.INITIALIZING, JobStatus.PROCESSING, JobStatus.COMPLETING, JobStatus.COMPLETED);
        assertThat(job.totalProcessed()).isEqualTo(3);
        assertThat(job.totalFailures()).isZero();
        assertThat(job.totalPieces()).isEqualTo(2);
        assertThat(job.completedPieces()).isEqualTo(2);
        assertThat(job.failedPieces()).isZero();
        assertThat(job.failures()).isEmpty();
        assertThat(job.completionDate()).isNotNull();
        assertThat(job.applicationId()).isEqualTo(appId);

        // two more jobs, then page through all three, newest first
        List<String> ids = new ArrayList<>(List.of(created.id()));
        for (int i = 0; i < 2; i++) {
            ids.add(
                    0,
                    pinpoint.createImportJob(r -> r.applicationId(appId)
                                    .importJobRequest(j -> j.format(Format.CSV)
                                            .s3Url("s3://flow/run-1/part-1.csv")
                                            .roleArn(ROLE)))
                            .join()
                            .importJobResponse()
                            .id());
        }
        ImportJobsResponse first = pinpoint.getImportJobs(
                        r -> r.applicationId(appId).pageSize("2"))
                .join()
                .importJobsResponse();
        assertThat(first.item()).extracting(ImportJobResponse::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.nextToken()).isNotBlank();
        ImportJobsResponse second = pinpoint.getImportJobs(
                        r -> r.applicationId(appId).pageSize("2").token(first.nextToken()))
                .join()
                .importJobsResponse();
        assertThat(second.item()).extracting(ImportJobResponse::id).containsExactly(ids.get(2));
        assertThat(second.nextToken()).isNull();

        EndpointResponse sms = pinpoint.getEndpoint(r -> r.applicationId(appId).endpointId("USER-1-SMS"))
                .join()
                .endpointResponse();
        assertThat(sms.id()).isEqualTo("user-1-sms");
        assertThat(sms.address()).isEqualTo("+16045550182");
        assertThat(sms.channelTypeAsString()).isEqualTo("SMS");
        assertThat(sms.location().country()).isEqualTo("CA");
        assertThat(sms.demographic().platform()).isEqualTo("Android");
        assertThat(sms.attributes()).containsEntry("interests", List.of("cooking", "hiking"));
        assertThat(sms.metrics()).containsEntry("purchases", 3.0);
        assertThat(sms.user().userId()).isEqualTo("example-user-id-1");
        assertThat(sms.user().userAttributes()).containsEntry("tier", List.of("gold"));
        assertThat(sms.endpointStatus()).isEqualTo("ACTIVE");
        assertThat(sms.optOut()).isEqualTo("NONE");
        assertThat(sms.applicationId()).isEqualTo(appId);
        assertThat(sms.cohortId()).isNotNull();
        assertThat(sms.creationDate()).endsWith("Z");

        List<EndpointResponse> user2 = pinpoint.getUserEndpoints(
                        r -> r.applicationId(appId).userId("example-user-id-2"))
                .join()
                .endpointsResponse()
                .item();
        assertThat(user2).extracting(EndpointResponse::id).containsExactlyInAnyOrder("user-2-email", "user-2-push");
        // user attributes are shared by every endpoint of the user
        assertThat(user2).allSatisfy(e -> {
            assertThat(e.user().userAttributes()).containsEntry("tier", List.of("silver"));
            assertThat(e.user().userAttributes()).containsEntry("city", List.of("Seattle"));
        });
        assertThat(user2)
                .filteredOn(e -> e.id().equals("user-2-email"))
                .singleElement()
                .satisfies(e -> assertThat(e.attributes()).containsEntry("interests", List.of("music, live")));
    }
}
