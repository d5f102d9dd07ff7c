package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.pinpoint.internal.PinpointHttp;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ForbiddenException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;
import software.amazon.awssdk.services.pinpoint.model.MethodNotAllowedException;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PayloadTooLargeException;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;
import software.amazon.awssdk.services.pinpoint.model.TooManyRequestsException;

/** Each of the seven modelled errors reaches the SDK as its own exception class, message and request id. */
class ModelledErrorsEmulatorTest {

    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    static final Map<ModelledError, Class<? extends PinpointException>> CLASSES = Map.of(
            ModelledError.BAD_REQUEST, BadRequestException.class,
            ModelledError.FORBIDDEN, ForbiddenException.class,
            ModelledError.NOT_FOUND, NotFoundException.class,
            ModelledError.METHOD_NOT_ALLOWED, MethodNotAllowedException.class,
            ModelledError.PAYLOAD_TOO_LARGE, PayloadTooLargeException.class,
            ModelledError.TOO_MANY_REQUESTS, TooManyRequestsException.class,
            ModelledError.INTERNAL_SERVER_ERROR, InternalServerErrorException.class);

    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;

    @BeforeAll
    static void start() {
        emulator = PinpointEmulator.start();
        pinpoint = emulator.newAsyncClientWithoutRetries();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    static PinpointException thrown(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(PinpointException.class);
            return (PinpointException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    static void assertModelled(PinpointException e, ModelledError error, String message) {
        assertThat(e).isExactlyInstanceOf(CLASSES.get(error));
        assertThat(e.statusCode()).isEqualTo(error.status());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(error.errorType());
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(e.requestId()).matches(UUID_PATTERN);
        assertThat(e.getMessage()).contains(message).contains(e.requestId());
    }

    @ParameterizedTest
    @EnumSource(ModelledError.class)
    void injectedErrorReachesTheSdkAsItsOwnClass(ModelledError error) {
        String appId = emulator.createApp("errors");
        emulator.faults().failNext(Operation.GET_IMPORT_JOBS, 1, error, "scripted " + error.errorType());

        PinpointException e =
                thrown(() -> pinpoint.getImportJobs(r -> r.applicationId(appId)).join());

        assertModelled(e, error, "scripted " + error.errorType());
        // the body's RequestID member equals the header the SDK reads
        String bodyRequestId = switch (error) {
            case BAD_REQUEST -> ((BadRequestException) e).requestID();
            case FORBIDDEN -> ((ForbiddenException) e).requestID();
            case NOT_FOUND -> ((NotFoundException) e).requestID();
            case METHOD_NOT_ALLOWED -> ((MethodNotAllowedException) e).requestID();
            case PAYLOAD_TOO_LARGE -> ((PayloadTooLargeException) e).requestID();
            case TOO_MANY_REQUESTS -> ((TooManyRequestsException) e).requestID();
            case INTERNAL_SERVER_ERROR -> ((InternalServerErrorException) e).requestID();
        };
        assertThat(bodyRequestId).isEqualTo(e.requestId());
        // the fault was used up: the next call succeeds
        assertThat(pinpoint.getImportJobs(r -> r.applicationId(appId))
                        .join()
                        .importJobsResponse()
                        .item())
                .isEmpty();
    }

    @Test
    void unknownApplicationIsNotFound() {
        PinpointException e = thrown(
                () -> pinpoint.getImportJobs(r -> r.applicationId("nope")).join());
        assertModelled(e, ModelledError.NOT_FOUND, "Application not found");
        PinpointException app =
                thrown(() -> pinpoint.getApp(r -> r.applicationId("nope")).join());
        assertModelled(app, ModelledError.NOT_FOUND, "Application not found");
    }

    @Test
    void unknownJobIsNotFound() {
        String appId = emulator.createApp("errors");
        PinpointException e = thrown(
                () -> pinpoint.getImportJob(r -> r.applicationId(appId).jobId("0123456789abcdef0123456789abcdef"))
                        .join());
        assertModelled(e, ModelledError.NOT_FOUND, "Resource not found");
    }

    @Test
    void missingFormatIsBadRequest() {
        String appId = emulator.createApp("errors");
        PinpointException e = thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(j -> j.s3Url("s3://b/p/").roleArn(ROLE)))
                .join());
        assertModelled(e, ModelledError.BAD_REQUEST, "Format must be CSV or JSON");
    }

    @Test
    void badS3UrlAndRoleAreBadRequests() {
        String appId = emulator.createApp("errors");
        assertModelled(
                thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                                .importJobRequest(j -> j.format(Format.CSV)
                                        .s3Url("https://b/p/")
                                        .roleArn(ROLE)))
                        .join()),
                ModelledError.BAD_REQUEST,
                "S3Url must be an S3 URL such as s3://bucket-name/prefix/");
        assertModelled(
                thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                                .importJobRequest(j -> j.format(Format.CSV).s3Url("s3://b/p/")))
                        .join()),
                ModelledError.BAD_REQUEST,
                "RoleArn is required");
        assertModelled(
                thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                                .importJobRequest(j ->
                                        j.format(Format.CSV).s3Url("s3://b/p/").roleArn("role")))
                        .join()),
                ModelledError.BAD_REQUEST,
                "RoleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/name");
        assertModelled(
                thrown(() -> pinpoint.getImportJobs(r -> r.applicationId(appId).pageSize("ten"))
                        .join()),
                ModelledError.BAD_REQUEST,
                "page-size must be a whole number");
        assertModelled(
                thrown(() -> pinpoint.getImportJobs(r -> r.applicationId(appId).token("%%%"))
                        .join()),
                ModelledError.BAD_REQUEST,
                "Invalid token");
    }

    @Test
    void bodyOverSevenMegabytesIsPayloadTooLarge() {
        String appId = emulator.createApp("errors");
        String huge = "x".repeat(PinpointHttp.MAX_PAYLOAD_BYTES);
        PinpointException e = thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://b/p/")
                                .roleArn(ROLE)
                                .segmentName(huge)))
                .join());
        assertModelled(e, ModelledError.PAYLOAD_TOO_LARGE, "Request body is larger than the 7 MB API payload limit");
    }

    @Test
    void bodyFarOverTheLimitStillGetsTheModelledAnswer() {
        // More than the JDK server's own 64 KB drain past the limit: without the front's drain the client saw the
        // connection close while it was still sending, instead of the 413. (That the connection stays usable after
        // such an answer is KeepAliveAfterErrorsTest's: this client sends each call on a connection of its own.)
        String appId = emulator.createApp("errors");
        String huge = "x".repeat(PinpointHttp.MAX_PAYLOAD_BYTES + (2 << 20));
        for (int i = 0; i < 3; i++) {
            PinpointException e = thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                            .importJobRequest(j -> j.format(Format.CSV)
                                    .s3Url("s3://b/p/")
                                    .roleArn(ROLE)
                                    .segmentName(huge)))
                    .join());
            assertModelled(
                    e, ModelledError.PAYLOAD_TOO_LARGE, "Request body is larger than the 7 MB API payload limit");
        }
        assertThat(pinpoint.getApp(r -> r.applicationId(appId))
                        .join()
                        .applicationResponse()
                        .id())
                .isEqualTo(appId);
    }

    @Test
    void unknownSegmentIsNotFound() {
        String appId = emulator.createApp("errors");
        assertModelled(
                thrown(() -> pinpoint.getSegment(r -> r.applicationId(appId).segmentId("s"))
                        .join()),
                ModelledError.NOT_FOUND,
                "Segment not found");
        assertModelled(
                thrown(() -> pinpoint.createImportJob(r -> r.applicationId(appId)
                                .importJobRequest(j -> j.format(Format.CSV)
                                        .s3Url("s3://b/p/")
                                        .roleArn(ROLE)
                                        .segmentId("s")))
                        .join()),
                ModelledError.NOT_FOUND,
                "Segment not found");
    }

    @Test
    void unknownEndpointAndUserAreNotFound() {
        String appId = emulator.createApp("errors");
        assertModelled(
                thrown(() -> pinpoint.getEndpoint(r -> r.applicationId(appId).endpointId("e"))
                        .join()),
                ModelledError.NOT_FOUND,
                "Resource not found");
        assertModelled(
                thrown(() -> pinpoint.deleteEndpoint(r -> r.applicationId(appId).endpointId("e"))
                        .join()),
                ModelledError.NOT_FOUND,
                "Resource not found");
        assertModelled(
                thrown(() -> pinpoint.getUserEndpoints(
                                r -> r.applicationId(appId).userId("u"))
                        .join()),
                ModelledError.NOT_FOUND,
                "Resource not found");
    }

    @Test
    void injectedErrorDoesNotLeakIntoOtherOperations() {
        String appId = emulator.createApp("errors");
        emulator.faults().failNext(Operation.GET_APP, 1, ModelledError.FORBIDDEN);
        assertThat(pinpoint.getImportJobs(r -> r.applicationId(appId))
                        .join()
                        .importJobsResponse()
                        .item())
                .isEmpty();
        assertThatThrownBy(() -> pinpoint.getApp(r -> r.applicationId(appId)).join())
                .hasCauseExactlyInstanceOf(ForbiddenException.class);
    }
}
