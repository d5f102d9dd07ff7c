package io.pinpointimport.cli.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.pinpointimport.cli.CliRunner;
import io.pinpointimport.cli.CliRunner.Result;
import io.pinpointimport.cli.ExitCodes;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jobs} and {@code job} against stubbed GetImportJobs / GetImportJob answers: paging, output, exit codes. */
class JobsCommandWireMockTest {
    private static WireMockServer wm;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(
                wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private static String job(String id, String status, int processed, int failed) {
        return """
                {"Id":"%s","ApplicationId":"app1","JobStatus":"%s","CreationDate":"2026-11-29T10:00:00.000Z",
                 "Type":"IMPORT","TotalPieces":1,"CompletedPieces":%d,"FailedPieces":%d,"TotalProcessed":%d,
                 "TotalFailures":%d,"Failures":%s,
                 "Definition":{"Format":"CSV","S3Url":"s3://b/p/%s.csv","RoleArn":"arn:aws:iam::123456789012:role/R",
                 "RegisterEndpoints":true}}
                """.formatted(
                        id,
                        status,
                        failed > 0 ? 0 : 1,
                        failed > 0 ? 1 : 0,
                        processed,
                        failed,
                        failed > 0 ? "[\"line 2: ChannelType is not valid\"]" : "[]",
                        id);
    }

    private static String[] args(String... extra) {
        String[] common = {"--app", "app1", "--region", "us-east-1", "--endpoint-url", wm.baseUrl()};
        String[] all = new String[extra.length + common.length];
        System.arraycopy(extra, 0, all, 0, extra.length);
        System.arraycopy(common, 0, all, extra.length, common.length);
        return all;
    }

    private void stubPages() {
        wm.stubFor(get(urlPathEqualTo("/v1/apps/app1/jobs/import"))
                .withQueryParam("token", absent())
                .willReturn(okJson("{\"Item\":[" + job("job-a", "COMPLETED", 10, 0) + ","
                        + job("job-b", "PROCESSING", 3, 0) + "],\"NextToken\":\"page-2\"}")));
        wm.stubFor(get(urlPathEqualTo("/v1/apps/app1/jobs/import"))
                .withQueryParam("token", equalTo("page-2"))
                .willReturn(okJson("{\"Item\":[" + job("job-c", "FAILED", 4, 1) + "]}")));
    }

    @Test
    void listsOnePageAndSaysHowToGetTheNext() {
        stubPages();
        Result r = CliRunner.run(args("jobs", "--page-size", "2"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("JOB ID", "job-a", "COMPLETED", "job-b", "PROCESSING", "s3://b/p/job-a.csv")
                .doesNotContain("job-c")
                .contains("--token page-2");
        wm.verify(WireMock.getRequestedFor(urlPathEqualTo("/v1/apps/app1/jobs/import"))
                .withQueryParam("page-size", equalTo("2")));
    }

    @Test
    void allFollowsTokensAndJsonIsTheOnlyOutput() throws IOException {
        stubPages();
        Result r = CliRunner.run(args("jobs", "--all", "--json"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("applicationId").asText()).isEqualTo("app1");
        assertThat(doc.get("jobs")).hasSize(3);
        assertThat(doc.get("jobs").get(2).get("id").asText()).isEqualTo("job-c");
        assertThat(doc.get("jobs").get(2).get("status").asText()).isEqualTo("FAILED");
        assertThat(doc.get("jobs").get(0).get("definition").get("s3Url").asText())
                .isEqualTo("s3://b/p/job-a.csv");
        assertThat(doc.has("nextToken")).isFalse();
    }

    @Test
    void tokenStartsAtTheGivenPage() {
        stubPages();
        Result r = CliRunner.run(args("jobs", "--token", "page-2"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("job-c").doesNotContain("job-a").doesNotContain("--token");
    }

    @Test
    void failedJobExitsWithJobFailedAndShowsTheServiceFailures() throws IOException {
        wm.stubFor(get(urlPathEqualTo("/v1/apps/app1/jobs/import/job-c"))
                .willReturn(okJson(job("job-c", "FAILED", 4, 1))));

        Result text = CliRunner.run(args("job", "job-c"));
        assertThat(text.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(text.out()).contains("Status:", "FAILED", "line 2: ChannelType is not valid");

        Result json = CliRunner.run(args("job", "job-c", "--json"));
        assertThat(json.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("totalFailures").asInt()).isEqualTo(1);
        assertThat(doc.get("failures").get(0).asText()).contains("line 2");
    }

    @Test
    void completedJobExitsZero() {
        wm.stubFor(get(urlPathEqualTo("/v1/apps/app1/jobs/import/job-a"))
                .willReturn(okJson(job("job-a", "COMPLETED", 10, 0))));

        Result r = CliRunner.run(args("job", "job-a"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("COMPLETED", "Processed:", "10");
    }

    @Test
    void unknownApplicationIsAServiceErrorThatSaysWhatToCheck() {
        wm.stubFor(get(urlPathEqualTo("/v1/apps/app1/jobs/import"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "NotFoundException")
                        .withBody("{\"message\":\"Resource not found\",\"RequestID\":\"r1\"}")));

        Result r = CliRunner.run(args("jobs"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("HTTP 404", "Check --app");
    }

    @Test
    void unreachableEndpointIsAServiceErrorThatSaysWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Result r = CliRunner.run(
                "jobs", "--app", "app1", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:" + closedPort);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(r.err()).contains("could not connect", "--endpoint-url");
    }

    @Test
    void badPageSizeIsAUsageError() {
        Result r = CliRunner.run(args("jobs", "--page-size", "0"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--page-size");
    }
}
