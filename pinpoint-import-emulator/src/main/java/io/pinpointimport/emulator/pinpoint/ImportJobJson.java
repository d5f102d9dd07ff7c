package io.pinpointimport.emulator.pinpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;

/**
 * Pinpoint's import-job JSON exactly as the service puts it on the wire, shared by the emulator and the testkit's
 * WireMock stubs so that both emit the same bytes; public for stubs of your own that must answer as the service
 * does.
 *
 * <p>Wire rules (rest-json with payload members): the body is the bare {@code ImportJobResponse} object, never
 * wrapped in {@code {"ImportJobResponse": …}}; a list is the bare {@code {"Item": […], "NextToken": …}}; members
 * carry the model's names; absent members are left out; dates are strings, ISO 8601 in UTC with milliseconds and
 * {@code Z}; errors are {@code {"Message": …, "RequestID": …}} with the shape name in {@value #ERROR_TYPE_HEADER}
 * and the request id also in {@value #REQUEST_ID_HEADER}.
 *
 * <p>The renderer takes the SDK's own model classes ({@link ImportJobResponse}, {@link ImportJobResource}) as input,
 * so whatever the SDK can express, the stub can answer, and the SDK reading the answer back gets equal values.
 */
public final class ImportJobJson {
    /** Response content type: {@value}. */
    public static final String CONTENT_TYPE = "application/json";
    /** Response header carrying the request id: {@value}. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /** Response header naming the error shape on an error response: {@value}. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** {@code Type} of import jobs: {@value}. */
    public static final String TYPE_IMPORT = "IMPORT";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ImportJobJson() {}

    /**
     * @param instant a point in time
     * @return the service's date text, e.g. {@code 2018-05-24T21:26:33.995Z}
     */
    public static String date(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** @return a new job id: 32 lower-case hex characters, as the service's */
    public static String newJobId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** @return a new request id, a random UUID as the service's */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /**
     * @param job the job
     * @return the bare {@code ImportJobResponse} body
     */
    public static String importJob(ImportJobResponse job) {
        return render(g -> writeImportJob(g, job));
    }

    /**
     * @param items the page's jobs
     * @param nextToken the token of the next page, or {@code null} on the last page (then left out)
     * @return the bare {@code ImportJobsResponse} body
     */
    public static String importJobs(List<ImportJobResponse> items, String nextToken) {
        return render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Item");
            for (ImportJobResponse job : items) {
                writeImportJob(g, job);
            }
            g.writeEndArray();
            string(g, "NextToken", nextToken);
            g.writeEndObject();
        });
    }

    /**
     * @param message the error text, sent as {@code Message}
     * @param requestId the request id, sent as {@code RequestID} (and by the caller in {@value #REQUEST_ID_HEADER})
     * @return the error body
     */
    public static String error(String message, String requestId) {
        return render(g -> {
            g.writeStartObject();
            string(g, "Message", message);
            string(g, "RequestID", requestId);
            g.writeEndObject();
        });
    }

    /**
     * Writes one job object, members in the model's (alphabetical) order, absent ones left out.
     *
     * @param g where to write
     * @param job the job
     * @throws IOException from the generator
     */
    private static void writeImportJob(JsonGenerator g, ImportJobResponse job) throws IOException {
        g.writeStartObject();
        string(g, "ApplicationId", job.applicationId());
        integer(g, "CompletedPieces", job.completedPieces());
        string(g, "CompletionDate", job.completionDate());
        string(g, "CreationDate", job.creationDate());
        if (job.definition() != null) {
            g.writeFieldName("Definition");
            writeDefinition(g, job.definition());
        }
        integer(g, "FailedPieces", job.failedPieces());
        if (job.hasFailures()) {
            g.writeArrayFieldStart("Failures");
            for (String failure : job.failures()) {
                g.writeString(failure);
            }
            g.writeEndArray();
        }
        string(g, "Id", job.id());
        string(g, "JobStatus", job.jobStatusAsString());
        integer(g, "TotalFailures", job.totalFailures());
        integer(g, "TotalPieces", job.totalPieces());
        integer(g, "TotalProcessed", job.totalProcessed());
        string(g, "Type", job.type());
        g.writeEndObject();
    }

    /**
     * Writes an {@code ImportJobResource} (a job's {@code Definition}).
     *
     * @param g where to write
     * @param definition the definition
     * @throws IOException from the generator
     */
    private static void writeDefinition(JsonGenerator g, ImportJobResource definition) throws IOException {
        g.writeStartObject();
        bool(g, "DefineSegment", definition.defineSegment());
        string(g, "ExternalId", definition.externalId());
        string(g, "Format", definition.formatAsString());
        bool(g, "RegisterEndpoints", definition.registerEndpoints());
        string(g, "RoleArn", definition.roleArn());
        string(g, "S3Url", definition.s3Url());
        string(g, "SegmentId", definition.segmentId());
        string(g, "SegmentName", definition.segmentName());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void integer(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value != null) {
            g.writeBooleanField(name, value);
        }
    }

    private static String render(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering Pinpoint JSON", e);
        }
        return out.toString();
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
