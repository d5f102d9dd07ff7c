package io.pinpointimport.cli.internal;

import java.util.List;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

/**
 * An import job as the tool prints it in JSON: the service's fields under camel-case names.
 *
 * @param id job id
 * @param applicationId application id
 * @param status job status
 * @param creationDate when created (the service's text)
 * @param completionDate when completed, if it has
 * @param totalPieces pieces in the job
 * @param completedPieces pieces done
 * @param failedPieces pieces failed
 * @param totalProcessed endpoint definitions processed
 * @param totalFailures endpoint definitions that failed
 * @param failures the service's first failure lines (at most 100)
 * @param definition the job's settings
 */
public record JobView(
        String id,
        String applicationId,
        String status,
        String creationDate,
        String completionDate,
        Integer totalPieces,
        Integer completedPieces,
        Integer failedPieces,
        Integer totalProcessed,
        Integer totalFailures,
        List<String> failures,
        Definition definition) {

    /**
     * @param format CSV or JSON
     * @param s3Url where the job reads
     * @param roleArn the role Pinpoint assumes
     * @param registerEndpoints whether endpoints are registered
     * @param defineSegment whether a segment is created
     * @param segmentName the created segment's name
     * @param segmentId the segment updated
     */
    public record Definition(
            String format,
            String s3Url,
            String roleArn,
            Boolean registerEndpoints,
            Boolean defineSegment,
            String segmentName,
            String segmentId) {}

    /**
     * @param r the service's job
     * @return the view
     */
    public static JobView of(ImportJobResponse r) {
        ImportJobResource d = r.definition();
        return new JobView(
                r.id(),
                r.applicationId(),
                r.jobStatusAsString(),
                r.creationDate(),
                r.completionDate(),
                r.totalPieces(),
                r.completedPieces(),
                r.failedPieces(),
                r.totalProcessed(),
                r.totalFailures(),
                r.hasFailures() ? List.copyOf(r.failures()) : null,
                d == null
                        ? null
                        : new Definition(
                                d.formatAsString(),
                                d.s3Url(),
                                d.roleArn(),
                                d.registerEndpoints(),
                                d.defineSegment(),
                                d.segmentName(),
                                d.segmentId()));
    }
}
