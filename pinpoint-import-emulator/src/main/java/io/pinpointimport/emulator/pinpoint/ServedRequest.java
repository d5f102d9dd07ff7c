package io.pinpointimport.emulator.pinpoint;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request the emulator answered, as {@link PinpointEmulator#requests()} lists them: what was asked, about which
 * job, and what the emulator answered. For tests that check what a client sent, how often and when, without a
 * recording proxy in between.
 *
 * @param operation the operation the request was routed to
 * @param jobId the import job the request was about: the path's job id for {@code GetImportJob}, the new job's id
 *              for a {@code CreateImportJob} that recorded one (also when its answer was lost, see
 *              {@link Faults#failNextCreateAfterRecording}); otherwise {@code null}
 * @param s3Url the job's {@code S3Url}: the request body's for {@code CreateImportJob} (also when it was refused), the
 *              job's for {@code GetImportJob}; otherwise {@code null}
 * @param httpStatus the HTTP status answered; {@code 0} when the connection was closed without an answer
 *                   ({@link Faults#dropNextCreateAfterRecording()}); for an answer held by
 *                   {@link Faults#holdNextCreateAfterRecording()} the status it is sent with when released
 * @param jobStatus the {@code JobStatus} of the job in a successful {@code CreateImportJob} or {@code GetImportJob}
 *                  answer; otherwise {@code null}
 * @param body the request body as text (UTF-8); empty when there was none
 * @param receivedNanos {@link System#nanoTime()} when the request was received, for measuring gaps between calls
 */
public record ServedRequest(
        Operation operation,
        @Nullable String jobId,
        @Nullable String s3Url,
        int httpStatus,
        @Nullable String jobStatus,
        String body,
        long receivedNanos) {

    /** Checks the required components. */
    public ServedRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(body, "body");
    }

    /** @return whether the emulator answered with a 2xx status */
    public boolean succeeded() {
        return httpStatus >= 200 && httpStatus < 300;
    }

    @Override
    public String toString() {
        // The body may hold personal data (a CreateApp name at most today, but bodies are the caller's): left out.
        return "ServedRequest[" + operation + (jobId == null ? "" : " " + jobId) + " -> " + httpStatus
                + (jobStatus == null ? "" : " " + jobStatus) + "]";
    }
}
