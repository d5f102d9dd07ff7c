package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.emulator.internal.HttpFront;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Wire details checked with a plain HTTP client: status codes, bare bodies, headers, ids and dates. */
class WireEmulatorTest {

    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String JOB_BODY = "{\"S3Url\":\"s3://wire/p/\",\"RoleArn\":\"arn:aws:iam::123456789012:role/R\","
            + "\"Format\":\"CSV\",\"RegisterEndpoints\":true}";

    static PinpointEmulator emulator;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        // a fixed clock makes the date format exact
        emulator = PinpointEmulator.builder()
                .clock(Clock.fixed(Instant.parse("2026-05-24T21:26:33.995Z"), ZoneOffset.UTC))
                .start();
        emulator.s3().createBucket("wire");
        try (S3Client s3 = emulator.s3().newClient()) {
            s3.putObject(
                    b -> b.bucket("wire").key("p/a.csv"),
                    RequestBody.fromString("Id,ChannelType,Address\nw-1,EMAIL,a@example.com\n"));
        }
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static HttpResponse<String> call(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/mobiletargeting/"
                                + "aws4_request, SignedHeaders=host, Signature=00")
                .header("X-Amz-Date", "20260101T000000Z")
                .header("X-Amz-Security-Token", "token")
                .header("amz-sdk-invocation-id", "id")
                .header("amz-sdk-request", "attempt=1; max=3");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String createApp() throws Exception {
        HttpResponse<String> response = call("POST", "/v1/apps", "{\"Name\":\"wire\"}", "application/json");
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body()).get("Id").textValue();
    }

    @Test
    void createAppIs201WithABareApplicationResponse() throws Exception {
        HttpResponse<String> response = call("POST", "/v1/apps", "{\"Name\":\"wire\"}", "application/json");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-amzn-RequestId"))
                .get()
                .asString()
                .matches(UUID_PATTERN);
        JsonNode app = JSON.readTree(response.body());
        assertThat(app.get("Id").textValue()).matches("[0-9a-f]{32}");
        assertThat(app.get("Name").textValue()).isEqualTo("wire");
        assertThat(app.get("Arn").textValue())
                .isEqualTo("arn:aws:mobiletargeting:us-east-1:123456789012:apps/"
                        + app.get("Id").textValue());
        assertThat(app.get("CreationDate").textValue()).isEqualTo("2026-05-24T21:26:33.995Z");
    }

    @Test
    void createImportJobIs201WithABareJobAndAnyJsonContentType() throws Exception {
        String appId = createApp();
        for (String contentType : new String[] {"application/json", "application/x-amz-json-1.1", null}) {
            HttpResponse<String> response = call("POST", "/v1/apps/" + appId + "/jobs/import", JOB_BODY, contentType);
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
            JsonNode job = JSON.readTree(response.body());
            assertThat(job.has("ImportJobResponse")).isFalse();
            assertThat(job.get("Id").textValue()).matches("[0-9a-f]{32}");
            assertThat(job.get("JobStatus").textValue()).isEqualTo("CREATED");
            assertThat(job.get("Type").textValue()).isEqualTo("IMPORT");
            assertThat(job.get("CreationDate").textValue()).isEqualTo("2026-05-24T21:26:33.995Z");
            assertThat(job.get("Definition")).isEqualTo(JSON.readTree(JOB_BODY));
            assertThat(job.has("TotalPieces")).isFalse(); // counters appear once the job runs

            HttpResponse<String> got = call(
                    "GET", "/v1/apps/" + appId + "/jobs/import/" + job.get("Id").textValue(), null, null);
            assertThat(got.statusCode()).isEqualTo(200);
            JsonNode done = JSON.readTree(got.body());
            assertThat(done.get("JobStatus").textValue()).isEqualTo("COMPLETED");
            assertThat(done.get("CompletionDate").textValue()).isEqualTo("2026-05-24T21:26:33.995Z");
            assertThat(done.get("TotalProcessed").intValue()).isEqualTo(1);
        }
        JsonNode list = JSON.readTree(call("GET", "/v1/apps/" + appId + "/jobs/import?page-size=2", null, null)
                .body());
        assertThat(list.has("ImportJobsResponse")).isFalse();
        assertThat(list.get("Item")).hasSize(2);
        assertThat(list.get("NextToken").textValue()).isNotBlank();
        JsonNode rest = JSON.readTree(call(
                        "GET",
                        "/v1/apps/" + appId + "/jobs/import?page-size=2&token="
                                + list.get("NextToken").textValue(),
                        null,
                        null)
                .body());
        assertThat(rest.get("Item")).hasSize(1);
        assertThat(rest.has("NextToken")).isFalse();
    }

    @Test
    void errorsCarryTheTypeHeaderAndMessageAndRequestIdInTheBody() throws Exception {
        HttpResponse<String> response = call("GET", "/v1/apps/unknown/jobs/import", null, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("Message").textValue()).isEqualTo("Application not found");
        assertThat(body.get("RequestID").textValue()).isEqualTo(requestId);
    }

    @Test
    void wrongMethodIs405AndUnknownPathIs404() throws Exception {
        String appId = createApp();
        HttpResponse<String> put = call("PUT", "/v1/apps/" + appId + "/jobs/import", JOB_BODY, "application/json");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("x-amzn-ErrorType")).hasValue("MethodNotAllowedException");
        HttpResponse<String> unknown = call("GET", "/v2/nothing", null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
    }

    @Test
    void badBodiesAre400() throws Exception {
        String appId = createApp();
        HttpResponse<String> notJson = call("POST", "/v1/apps/" + appId + "/jobs/import", "{oops", "application/json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
        HttpResponse<String> empty = call("POST", "/v1/apps/" + appId + "/jobs/import", "", "application/json");
        assertThat(empty.statusCode()).isEqualTo(400);
        HttpResponse<String> wrapped = call(
                "POST",
                "/v1/apps/" + appId + "/jobs/import",
                "{\"ImportJobRequest\":" + JOB_BODY + "}",
                "application/json");
        assertThat(wrapped.statusCode())
                .as("a wrapped body is not an ImportJobRequest")
                .isEqualTo(400);
        HttpResponse<String> flag = call(
                "POST", "/v1/apps/" + appId + "/jobs/import", JOB_BODY.replace("true", "\"true\""), "application/json");
        assertThat(JSON.readTree(flag.body()).get("Message").textValue())
                .isEqualTo("RegisterEndpoints must be a boolean");
    }

    @Test
    void uriLabelsArePercentDecodedAndDeleteEndpointIs202() throws Exception {
        String appId = createApp();
        call("POST", "/v1/apps/" + appId + "/jobs/import", JOB_BODY, "application/json");
        StringBuilder encodedApp = new StringBuilder();
        for (char c : appId.toCharArray()) {
            encodedApp.append('%').append(Integer.toHexString(c));
        }
        HttpResponse<String> endpoint = call("GET", "/v1/apps/" + encodedApp + "/endpoints/W%2D1", null, null);
        assertThat(endpoint.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(endpoint.body());
        assertThat(body.get("Id").textValue()).isEqualTo("w-1");
        assertThat(body.get("EndpointStatus").textValue()).isEqualTo("ACTIVE");
        assertThat(body.get("EffectiveDate").textValue()).isEqualTo("2026-05-24T21:26:33.995Z");

        HttpResponse<String> deleted = call("DELETE", "/v1/apps/" + appId + "/endpoints/w-1", null, null);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(deleted.body()).get("Address").textValue()).isEqualTo("a@example.com");
        assertThat(call("GET", "/v1/apps/" + appId + "/endpoints/w-1", null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void percentDecodingKeepsPlusSigns() {
        assertThat(HttpFront.percentDecode("a+b%2Fc%E2%82%AC")).isEqualTo("a+b/c€");
        assertThat(HttpFront.percentDecode("bad%zz")).isEqualTo("bad%zz");
    }
}
