package io.pinpointimport.testkit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * WireMock stubs for one Pinpoint application's import-job operations, on the service's wire format (bare bodies,
 * 201 for create, {@code x-amzn-RequestId}, errors named in {@code x-amzn-ErrorType} with a
 * {@code {"Message","RequestID"}} body), for teams that prefer stubs to the emulator.
 *
 * <p>Give several replies and they are served in order, one per call, through a WireMock scenario; the last reply
 * then repeats. A {@code 429} in a sequence is what the SDK's own retries see: with retries on, a sequence
 * {@code 429, job} makes {@code createImportJob} succeed on the second attempt.
 *
 * <pre>{@code
 * @RegisterExtension
 * static WireMockExtension wm = WireMockExtension.newInstance()
 *         .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
 *
 * ImportJobResponse job = ImportJobs.created("app-1");
 * PinpointStubs.forApp(wm, "app-1")
 *         .createImportJobReturns(job)
 *         .jobStatusSequence(job, JobStatus.CREATED, JobStatus.PROCESSING, JobStatus.COMPLETED);
 * }</pre>
 *
 * <p>Stubs for the same operation and job added later take precedence over earlier ones (WireMock's rule).
 * Instances only hold where to register; they are immutable and the methods return {@code this} for chaining.
 */
public final class PinpointStubs {
    private final Function<MappingBuilder, StubMapping> registrar;
    private final String applicationId;
    private final String jobsPath;

    private PinpointStubs(Function<MappingBuilder, StubMapping> registrar, String applicationId) {
        this.registrar = registrar;
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        this.jobsPath = "/v1/apps/" + SdkHttpUtils.urlEncode(applicationId) + "/jobs/import";
    }

    /**
     * Stubs on WireMock's default instance: the one {@code @WireMockTest} or {@code WireMock.configureFor(...)}
     * set up.
     *
     * @param applicationId the application
     * @return the stubs
     */
    public static PinpointStubs forApp(String applicationId) {
        return new PinpointStubs(WireMock::stubFor, applicationId);
    }

    /**
     * @param wireMock a {@code WireMockServer} or a JUnit 5 {@code WireMockExtension}
     * @param applicationId the application
     * @return the stubs
     */
    public static PinpointStubs forApp(Stubbing wireMock, String applicationId) {
        Objects.requireNonNull(wireMock, "wireMock");
        return new PinpointStubs(wireMock::stubFor, applicationId);
    }

    /**
     * @param client a WireMock client, such as {@code WireMockRuntimeInfo.getWireMock()}
     * @param applicationId the application
     * @return the stubs
     */
    public static PinpointStubs forApp(WireMock client, String applicationId) {
        Objects.requireNonNull(client, "client");
        return new PinpointStubs(client::register, applicationId);
    }

    /** @return the application these stubs answer for */
    public String applicationId() {
        return applicationId;
    }

    /**
     * CreateImportJob ({@code POST /v1/apps/{id}/jobs/import}) answers these replies in order, whatever the body.
     *
     * @param replies one or more replies; the last repeats
     * @return this
     */
    public PinpointStubs createImportJob(StubReply... replies) {
        register("CreateImportJob", () -> post(urlPathEqualTo(jobsPath)), 201, replies);
        return this;
    }

    /**
     * @param job the job CreateImportJob answers with (201), e.g. {@link ImportJobs#created(String)}
     * @return this
     */
    public PinpointStubs createImportJobReturns(ImportJobResponse job) {
        return createImportJob(StubReply.job(job));
    }

    /**
     * @param error the error every CreateImportJob call gets
     * @return this
     */
    public PinpointStubs createImportJobFails(ModelledError error) {
        return createImportJob(StubReply.error(error));
    }

    /**
     * GetImportJob ({@code GET /v1/apps/{id}/jobs/import/{job-id}}) answers these replies in order.
     *
     * @param jobId the job
     * @param replies one or more replies; the last repeats
     * @return this
     */
    public PinpointStubs getImportJob(String jobId, StubReply... replies) {
        Objects.requireNonNull(jobId, "jobId");
        String path = jobsPath + "/" + SdkHttpUtils.urlEncode(jobId);
        register("GetImportJob " + jobId, () -> get(urlPathEqualTo(path)), 200, replies);
        return this;
    }

    /**
     * @param job the job GetImportJob answers with, for its id
     * @return this
     */
    public PinpointStubs getImportJobReturns(ImportJobResponse job) {
        return getImportJob(job.id(), StubReply.job(job));
    }

    /**
     * @param jobId the job
     * @param error the error every GetImportJob call for it gets
     * @return this
     */
    public PinpointStubs getImportJobFails(String jobId, ModelledError error) {
        return getImportJob(jobId, StubReply.error(error));
    }

    /**
     * GetImportJob answers the job in each status in turn (see {@link ImportJobs#withStatus}), then stays in the
     * last.
     *
     * @param job the job, as created
     * @param statuses the statuses, in order
     * @return this
     */
    public PinpointStubs jobStatusSequence(ImportJobResponse job, JobStatus... statuses) {
        if (statuses.length == 0) {
            throw new IllegalArgumentException("jobStatusSequence needs at least one status");
        }
        StubReply[] replies = Arrays.stream(statuses)
                .map(s -> StubReply.job(ImportJobs.withStatus(job, s)))
                .toArray(StubReply[]::new);
        return getImportJob(job.id(), replies);
    }

    /**
     * Like {@link #jobStatusSequence(ImportJobResponse, JobStatus...)} for a job with this id and
     * {@link ImportJobs#defaultDefinition()}.
     *
     * @param jobId the job
     * @param statuses the statuses, in order
     * @return this
     */
    public PinpointStubs jobStatusSequence(String jobId, JobStatus... statuses) {
        return jobStatusSequence(ImportJobs.created(applicationId, jobId, ImportJobs.defaultDefinition()), statuses);
    }

    /**
     * GetImportJobs ({@code GET /v1/apps/{id}/jobs/import}) answers these replies in order, whatever the query.
     *
     * @param replies one or more replies; the last repeats
     * @return this
     */
    public PinpointStubs getImportJobs(StubReply... replies) {
        register("GetImportJobs", () -> get(urlPathEqualTo(jobsPath)), 200, replies);
        return this;
    }

    /**
     * GetImportJobs serves these jobs in pages of {@code pageSize}, chained by {@code NextToken}: the request
     * without {@code token} gets the first page, {@code token=<NextToken>} the following ones. The stubs ignore
     * {@code page-size}.
     *
     * @param jobs all jobs, in the order the pages list them
     * @param pageSize jobs per page, at least 1
     * @return this
     */
    public PinpointStubs getImportJobsPaged(List<ImportJobResponse> jobs, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        String tokenPrefix = "page-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int pages = Math.max(1, (jobs.size() + pageSize - 1) / pageSize);
        for (int page = 0; page < pages; page++) {
            List<ImportJobResponse> items = jobs.subList(page * pageSize, Math.min(jobs.size(), (page + 1) * pageSize));
            String next = page + 1 < pages ? tokenPrefix + (page + 1) : null;
            MappingBuilder m = get(urlPathEqualTo(jobsPath))
                    .withQueryParam("token", page == 0 ? absent() : equalTo(tokenPrefix + page));
            registrar.apply(m.willReturn(StubReply.jobs(items, next).toResponse(200)));
        }
        return this;
    }

    private void register(String operation, Supplier<MappingBuilder> request, int successStatus, StubReply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException(operation + " needs at least one reply");
        }
        if (replies.length == 1) {
            registrar.apply(request.get().willReturn(replies[0].toResponse(successStatus)));
            return;
        }
        // A scenario per sequence; the random part keeps two sequences for the same job from sharing states.
        String scenario = "PinpointStubs " + operation + " app " + applicationId + " "
                + UUID.randomUUID().toString().substring(0, 8);
        List<String> states = new ArrayList<>();
        states.add(Scenario.STARTED);
        for (int i = 1; i < replies.length; i++) {
            states.add("reply " + (i + 1));
        }
        for (int i = 0; i < replies.length; i++) {
            ScenarioMappingBuilder m = request.get().inScenario(scenario).whenScenarioStateIs(states.get(i));
            if (i + 1 < replies.length) {
                m = m.willSetStateTo(states.get(i + 1));
            }
            registrar.apply(m.willReturn(replies[i].toResponse(successStatus)));
        }
    }

    @Override
    public String toString() {
        return "PinpointStubs{applicationId=" + applicationId + "}";
    }
}
