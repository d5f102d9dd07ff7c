package io.pinpointimport.testkit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ForbiddenException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.GetImportJobsResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobRequest;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.InternalServerErrorException;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.MethodNotAllowedException;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PayloadTooLargeException;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;
import software.amazon.awssdk.services.pinpoint.model.TooManyRequestsException;

class PinpointStubsWireMockTest {
    private static final String APP = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<ModelledError, Class<? extends PinpointException>> SDK_CLASS = new EnumMap<>(Map.of(
            ModelledError.BAD_REQUEST, BadRequestException.class,
            ModelledError.FORBIDDEN, ForbiddenException.class,
            ModelledError.NOT_FOUND, NotFoundException.class,
            ModelledError.METHOD_NOT_ALLOWED, MethodNotAllowedException.class,
            ModelledError.PAYLOAD_TOO_LARGE, PayloadTooLargeException.class,
            ModelledError.TOO_MANY_REQUESTS, TooManyRequestsException.class,
            ModelledError.INTERNAL_SERVER_ERROR, InternalServerErrorException.class));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1))
            .build();

    private static PinpointAsyncClient noRetries;
    private static PinpointAsyncClient withRetries;

    @BeforeAll
    static void clients() {
        noRetries = client(false);
        withRetries = client(true);
    }

    @AfterAll
    static void closeClients() {
        noRetries.close();
        withRetries.close();
    }

    private static PinpointAsyncClient client(boolean retries) {
        return PinpointAsyncClient.builder()
                .endpointOverride(URI.create(wm.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")))
                .overrideConfiguration(c -> {
                    if (!retries) {
                        c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }

    private static ImportJobRequest request() {
        return ImportJobRequest.builder()
                .format(Format.CSV)
                .s3Url("s3://bucket/imports/run-1/")
                .roleArn(ImportJobs.DEFAULT_ROLE_ARN)
                .registerEndpoints(true)
                .build();
    }

    @Test
    void createReturnsTheStubbedJobAndTheSdkReadsEveryMember() {
        ImportJobResponse job = ImportJobs.created(
                APP,
                ImportJobs.newJobId(),
                ImportJobResource.builder()
                        .format(Format.JSON)
                        .s3Url("s3://bucket/imports/run-1/")
                        .roleArn(ImportJobs.DEFAULT_ROLE_ARN)
                        .registerEndpoints(true)
                        .defineSegment(true)
                        .segmentName("Imported")
                        .build());
        PinpointStubs.forApp(wm, APP).createImportJobReturns(job);

        ImportJobResponse read = noRetries
                .createImportJob(r -> r.applicationId(APP).importJobRequest(request()))
                .join()
                .importJobResponse();

        assertThat(read).isEqualTo(job);
        assertThat(read.id()).matches("[0-9a-f]{32}");
        assertThat(read.jobStatus()).isEqualTo(JobStatus.CREATED);
        assertThat(read.type()).isEqualTo("IMPORT");
        assertThat(read.definition().segmentName()).isEqualTo("Imported");
        wm.verify(postRequestedFor(urlPathEqualTo("/v1/apps/" + APP + "/jobs/import"))
                .withHeader("Authorization", containing("/us-east-1/mobiletargeting/aws4_request"))
                .withRequestBody(containing("\"S3Url\":\"s3://bucket/imports/run-1/\"")));
    }

    @Test
    void statusesComeInSequenceAndTheLastOneRepeats() {
        ImportJobResponse job = ImportJobs.created(APP);
        PinpointStubs.forApp(wm, APP)
                .jobStatusSequence(
                        job, JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.PROCESSING, JobStatus.COMPLETED);

        List<ImportJobResponse> polls = IntStream.range(0, 6)
                .mapToObj(i -> noRetries
                        .getImportJob(r -> r.applicationId(APP).jobId(job.id()))
                        .join()
                        .importJobResponse())
                .toList();

        assertThat(polls)
                .extracting(ImportJobResponse::jobStatus)
                .containsExactly(
                        JobStatus.CREATED,
                        JobStatus.INITIALIZING,
                        JobStatus.PROCESSING,
                        JobStatus.COMPLETED,
                        JobStatus.COMPLETED,
                        JobStatus.COMPLETED);
        assertThat(polls).extracting(ImportJobResponse::id).containsOnly(job.id());
        ImportJobResponse done = polls.get(3);
        assertThat(done.completionDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(done.totalProcessed()).isEqualTo(ImportJobs.DEFAULT_TOTAL_PROCESSED);
        assertThat(done.completedPieces()).isEqualTo(done.totalPieces()).isEqualTo(1);
        assertThat(done.totalFailures()).isZero();
        assertThat(polls.get(0).completionDate()).isNull();
    }

    @Test
    void jobStatusSequenceByIdUsesTheDefaultDefinition() {
        String jobId = ImportJobs.newJobId();
        PinpointStubs.forApp(wm, APP).jobStatusSequence(jobId, JobStatus.PROCESSING, JobStatus.FAILED);

        ImportJobResponse first = noRetries
                .getImportJob(r -> r.applicationId(APP).jobId(jobId))
                .join()
                .importJobResponse();
        ImportJobResponse second = noRetries
                .getImportJob(r -> r.applicationId(APP).jobId(jobId))
                .join()
                .importJobResponse();

        assertThat(first.jobStatus()).isEqualTo(JobStatus.PROCESSING);
        assertThat(first.definition()).isEqualTo(ImportJobs.defaultDefinition());
        assertThat(second.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(second.failedPieces()).isEqualTo(1);
        assertThat(second.applicationId()).isEqualTo(APP);
    }

    @Test
    void completedWithRowFailuresAndFailedJobsCarryTheirFailureLines() {
        ImportJobResponse created = ImportJobs.created(APP);
        List<String> lines = List.of(
                "s3://bucket/imports/run-1/part-0001.csv line 17: Missing Address",
                "s3://bucket/imports/run-1/part-0001.csv line 42: Attribute value longer than 100 characters");
        ImportJobResponse partly = ImportJobs.completedWithRowFailures(created, 1_000, lines, 250);
        ImportJobResponse otherJob = ImportJobs.created(APP);
        ImportJobResponse failed = ImportJobs.failed(otherJob, List.of("Access denied reading s3://bucket/x/"));
        PinpointStubs.forApp(wm, APP).getImportJobReturns(partly).getImportJobReturns(failed);

        ImportJobResponse readPartly = noRetries
                .getImportJob(r -> r.applicationId(APP).jobId(created.id()))
                .join()
                .importJobResponse();
        ImportJobResponse readFailed = noRetries
                .getImportJob(r -> r.applicationId(APP).jobId(otherJob.id()))
                .join()
                .importJobResponse();

        assertThat(readPartly).isEqualTo(partly);
        assertThat(readPartly.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(readPartly.failures()).containsExactlyElementsOf(lines);
        assertThat(readPartly.totalFailures()).isEqualTo(250);
        assertThat(readPartly.totalProcessed()).isEqualTo(1_000);
        assertThat(readFailed.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(readFailed.failures()).containsExactly("Access denied reading s3://bucket/x/");
        assertThat(readFailed.failedPieces()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ModelledError.class)
    void everyModelledErrorOnCreateBecomesItsSdkException(ModelledError error) {
        StubReply reply = StubReply.error(error, "Stubbed failure for " + error.name());
        PinpointStubs.forApp(wm, APP).createImportJob(reply);

        Throwable thrown = catchThrowable(() -> noRetries
                .createImportJob(r -> r.applicationId(APP).importJobRequest(request()))
                .join());

        assertSdkException(thrown, error, reply);
    }

    @ParameterizedTest
    @EnumSource(ModelledError.class)
    void everyModelledErrorOnGetBecomesItsSdkException(ModelledError error) {
        String jobId = ImportJobs.newJobId();
        StubReply reply =
                StubReply.error(error, "Get failed: " + error.errorType()).withRequestId("req-" + jobId);
        PinpointStubs.forApp(wm, APP).getImportJob(jobId, reply);

        Throwable thrown = catchThrowable(() ->
                noRetries.getImportJob(r -> r.applicationId(APP).jobId(jobId)).join());

        assertSdkException(thrown, error, reply);
        assertThat(((PinpointException) thrown.getCause()).requestId()).isEqualTo("req-" + jobId);
    }

    private static void assertSdkException(Throwable thrown, ModelledError error, StubReply reply) {
        assertThat(thrown).isInstanceOf(CompletionException.class);
        Throwable cause = thrown.getCause();
        assertThat(cause).isExactlyInstanceOf(SDK_CLASS.get(error));
        PinpointException e = (PinpointException) cause;
        assertThat(e.statusCode()).isEqualTo(error.status());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(error.errorType());
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(reply.message().orElseThrow());
        assertThat(e.getMessage()).startsWith(reply.message().orElseThrow());
        assertThat(e.requestId()).isEqualTo(reply.requestId());
    }

    @Test
    void aThrottleThenSuccessSequenceIsAbsorbedBySdkRetriesAndSeenWithoutThem() {
        ImportJobResponse job = ImportJobs.created(APP);
        PinpointStubs.forApp(wm, APP)
                .createImportJob(StubReply.error(ModelledError.TOO_MANY_REQUESTS), StubReply.job(job));

        ImportJobResponse read = withRetries
                .createImportJob(r -> r.applicationId(APP).importJobRequest(request()))
                .join()
                .importJobResponse();

        assertThat(read.id()).isEqualTo(job.id());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v1/apps/" + APP + "/jobs/import")));

        wm.resetAll();
        PinpointStubs.forApp(wm, APP)
                .createImportJob(StubReply.error(ModelledError.TOO_MANY_REQUESTS), StubReply.job(job));
        Throwable first = catchThrowable(() -> noRetries
                .createImportJob(r -> r.applicationId(APP).importJobRequest(request()))
                .join());
        assertThat(first).hasCauseExactlyInstanceOf(TooManyRequestsException.class);
        assertThat(noRetries
                        .createImportJob(r -> r.applicationId(APP).importJobRequest(request()))
                        .join()
                        .importJobResponse()
                        .id())
                .isEqualTo(job.id());
    }

    @Test
    void pagedJobListsChainByNextToken() {
        List<ImportJobResponse> jobs = IntStream.range(0, 7)
                .mapToObj(i -> ImportJobs.completed(ImportJobs.created(APP), 10 + i))
                .toList();
        PinpointStubs.forApp(wm, APP).getImportJobsPaged(jobs, 3);

        List<ImportJobResponse> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetImportJobsResponse page = noRetries
                    .getImportJobs(r -> r.applicationId(APP).pageSize("3").token(t))
                    .join();
            seen.addAll(page.importJobsResponse().item());
            token = page.importJobsResponse().nextToken();
            tokens.add(token);
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(jobs);
        assertThat(tokens).hasSize(3).endsWith((String) null);
        wm.verify(3, getRequestedFor(urlPathEqualTo("/v1/apps/" + APP + "/jobs/import")));
    }

    @Test
    void anEmptyJobListIsOnePageWithoutToken() {
        PinpointStubs.forApp(wm, APP).getImportJobsPaged(List.of(), 5);

        GetImportJobsResponse page =
                noRetries.getImportJobs(r -> r.applicationId(APP)).join();

        assertThat(page.importJobsResponse().item()).isEmpty();
        assertThat(page.importJobsResponse().nextToken()).isNull();
    }

    @Test
    void theWireFormatIsTheServices() throws Exception {
        ImportJobResponse job = ImportJobs.created(APP);
        StubReply ok = StubReply.job(job);
        PinpointStubs.forApp(wm, APP).createImportJob(ok).getImportJobFails("nope", ModelledError.NOT_FOUND);
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/v1/apps/" + APP + "/jobs/import"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/v1/apps/" + APP + "/jobs/import/nope"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(created.headers().firstValue("x-amzn-RequestId")).hasValue(ok.requestId());
        JsonNode body = JSON.readTree(created.body());
        assertThat(iterable(body.fieldNames()))
                .containsExactly("ApplicationId", "CreationDate", "Definition", "Id", "JobStatus", "Type");
        assertThat(body.get("Id").asText()).matches("[0-9a-f]{32}");
        assertThat(body.get("CreationDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(body.get("Definition").get("Format").asText()).isEqualTo("CSV");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        String requestId = missing.headers().firstValue("x-amzn-RequestId").orElseThrow();
        JsonNode error = JSON.readTree(missing.body());
        assertThat(iterable(error.fieldNames())).containsExactly("Message", "RequestID");
        assertThat(error.get("RequestID").asText()).isEqualTo(requestId);
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
