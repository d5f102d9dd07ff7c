package io.pinpointimport.testkit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.pinpointimport.emulator.pinpoint.ImportJobJson;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

/**
 * One answer a stub gives, on the real wire format: a job, a page of jobs, or one of the seven modelled errors.
 * Every reply carries a request id, sent in {@code x-amzn-RequestId} (and, for errors, in the body's
 * {@code RequestID}), so a test can assert that the SDK exception carries it. Immutable.
 *
 * <pre>{@code
 * StubReply throttled = StubReply.error(ModelledError.TOO_MANY_REQUESTS, "Rate exceeded");
 * stubs.createImportJob(throttled, StubReply.job(ImportJobs.created(appId)));
 * }</pre>
 */
public final class StubReply {
    private final ImportJobResponse job;
    private final List<ImportJobResponse> jobs;
    private final String nextToken;
    private final ModelledError error;
    private final String message;
    private final String requestId;
    private final Duration delay;

    private StubReply(
            ImportJobResponse job,
            List<ImportJobResponse> jobs,
            String nextToken,
            ModelledError error,
            String message,
            String requestId,
            Duration delay) {
        this.job = job;
        this.jobs = jobs;
        this.nextToken = nextToken;
        this.error = error;
        this.message = message;
        this.requestId = requestId;
        this.delay = delay;
    }

    /**
     * @param job the job to answer with (201 for CreateImportJob, 200 for GetImportJob)
     * @return the reply
     */
    public static StubReply job(ImportJobResponse job) {
        return new StubReply(
                Objects.requireNonNull(job, "job"),
                null,
                null,
                null,
                null,
                ImportJobJson.newRequestId(),
                Duration.ZERO);
    }

    /**
     * @param jobs one page of jobs
     * @param nextToken the next page's token, or {@code null} on the last page
     * @return the reply, for GetImportJobs
     */
    public static StubReply jobs(List<ImportJobResponse> jobs, @Nullable String nextToken) {
        return new StubReply(
                null, List.copyOf(jobs), nextToken, null, null, ImportJobJson.newRequestId(), Duration.ZERO);
    }

    /**
     * @param error the error
     * @return an error reply with a default message naming the error
     */
    public static StubReply error(ModelledError error) {
        return error(error, "Stubbed " + error.errorType());
    }

    /**
     * @param error the error
     * @param message the {@code Message} of the body
     * @return the error reply
     */
    public static StubReply error(ModelledError error, String message) {
        return new StubReply(
                null,
                null,
                null,
                Objects.requireNonNull(error, "error"),
                Objects.requireNonNull(message, "message"),
                ImportJobJson.newRequestId(),
                Duration.ZERO);
    }

    /**
     * @param requestId the request id to send instead of the random one
     * @return a copy with that request id
     */
    public StubReply withRequestId(String requestId) {
        return new StubReply(
                job, jobs, nextToken, error, message, Objects.requireNonNull(requestId, "requestId"), delay);
    }

    /**
     * @param delay how long the stub waits before answering (to test client timeouts)
     * @return a copy with that delay
     */
    public StubReply withDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new StubReply(job, jobs, nextToken, error, message, requestId, delay);
    }

    /** @return the request id the reply sends */
    public String requestId() {
        return requestId;
    }

    /** @return the error; empty for a success reply */
    public Optional<ModelledError> error() {
        return Optional.ofNullable(error);
    }

    /** @return the error message; empty for a success reply */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /** @return the job of a job reply; empty for other replies */
    public Optional<ImportJobResponse> importJob() {
        return Optional.ofNullable(job);
    }

    /**
     * @param successStatus the operation's success code (201 for CreateImportJob, 200 for the reads)
     * @return the WireMock response
     */
    ResponseDefinitionBuilder toResponse(int successStatus) {
        ResponseDefinitionBuilder r = aResponse()
                .withHeader("Content-Type", ImportJobJson.CONTENT_TYPE)
                .withHeader(ImportJobJson.REQUEST_ID_HEADER, requestId);
        if (error != null) {
            r.withStatus(error.status())
                    .withHeader(ImportJobJson.ERROR_TYPE_HEADER, error.errorType())
                    .withBody(ImportJobJson.error(message, requestId));
        } else if (job != null) {
            r.withStatus(successStatus).withBody(ImportJobJson.importJob(job));
        } else {
            r.withStatus(successStatus).withBody(ImportJobJson.importJobs(jobs, nextToken));
        }
        if (!delay.isZero()) {
            r.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delay.toMillis()));
        }
        return r;
    }

    @Override
    public String toString() {
        String what = error != null
                ? error.errorType()
                : job != null ? "job " + job.id() + " " + job.jobStatusAsString() : jobs.size() + " jobs";
        return "StubReply{" + what + ", requestId=" + requestId + (delay.isZero() ? "" : ", delay=" + delay) + "}";
    }
}
