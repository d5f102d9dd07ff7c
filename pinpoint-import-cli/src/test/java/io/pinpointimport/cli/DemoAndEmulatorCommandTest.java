package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpointimport.cli.CliRunner.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code demo} runs the whole flow to a clean summary; {@code emulator} serves until told to stop. */
class DemoAndEmulatorCommandTest {
    @Test
    void demoImportsTheSampleInSeveralShardsAndReadsEndpointsBack() {
        Result r = CliRunner.run("demo", "--records", "300", "--max-shard-size", "20KB", "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = CliEmulatorTest.json(r.out());
        JsonNode summary = doc.get("summary");
        assertThat(summary.get("recordsRead").asLong()).isEqualTo(303);
        assertThat(summary.get("recordsRejected").asLong()).isZero();
        assertThat(summary.get("shards").asInt()).isGreaterThan(1);
        assertThat(summary.get("jobsCompleted").asInt())
                .isEqualTo(summary.get("shards").asInt());
        assertThat(summary.get("serviceProcessed").asLong()).isEqualTo(303);
        JsonNode readBack = doc.get("readBack");
        assertThat(readBack).hasSize(6);
        assertThat(readBack.get(2).get("address").asText()).isEqualTo("jo***@example.com");
        assertThat(r.out() + r.err()).doesNotContain("john.stiles@example.com").doesNotContain("2065550182");
    }

    @Test
    void demoTextShowsSummaryAndTable() {
        Result r = CliRunner.run("demo", "--records", "50");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains(
                        "records read      53",
                        "rejected          0",
                        "COMPLETED",
                        "Read back from the emulator",
                        "ex***-2");
        assertThat(r.err()).contains("Starting the local Pinpoint import emulator");
    }

    @Test
    void emulatorServesUntilStoppedAndPrintsReadyToPasteCommands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CliContext context = CliContext.builder()
                .out(new PrintStream(out, true, UTF_8))
                .err(new PrintStream(err, true, UTF_8))
                .terminal(false)
                .stopSignal(stop)
                .build();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PinpointImportCli.run(
                context, "emulator", "--pace", "instant", "--app", "mine", "--bucket", "my-bucket", "--json"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!err.toString(UTF_8).contains("Ready") && !exit.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(err.toString(UTF_8)).contains("Ready");
            JsonNode ready = CliEmulatorTest.json(out.toString(UTF_8));
            assertThat(ready.get("bucket").asText()).isEqualTo("my-bucket");
            String app = ready.get("applicationId").asText();

            Result jobs = CliRunner.run(
                    new ByteArrayInputStream(new byte[0]),
                    b -> b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            ready.get("accessKeyId").asText(),
                            ready.get("secretAccessKey").asText()))),
                    "jobs",
                    "--app",
                    app,
                    "--region",
                    ready.get("region").asText(),
                    "--endpoint-url",
                    ready.get("pinpointEndpoint").asText());
            assertThat(jobs.exitCode()).as(jobs.err()).isEqualTo(ExitCodes.OK);
            assertThat(jobs.out()).contains("No import jobs in application " + app);

            assertThat(ready.get("domain").asText()).isEqualTo("pinpoint-import");
            HttpResponse<String> domain = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            ready.get("profilesEndpoint").asText() + "/domains/pinpoint-import"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(domain.statusCode()).isEqualTo(200);
            assertThat(CliEmulatorTest.json(domain.body())
                            .get("Stats")
                            .get("ProfileCount")
                            .asLong())
                    .isZero();
        } finally {
            stop.complete(null);
        }
        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void emulatorTextBannerHasTheImportCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        stop.complete(null);
        CliContext context = CliContext.builder()
                .out(new PrintStream(out, true, UTF_8))
                .err(new PrintStream(new ByteArrayOutputStream(), true, UTF_8))
                .terminal(false)
                .stopSignal(stop)
                .build();

        int exit = PinpointImportCli.run(context, "emulator", "--pace", "steps");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(UTF_8))
                .contains(
                        "Pinpoint endpoint : http://127.0.0.1:",
                        "./pinpoint-import import endpoints.csv --app ",
                        "aws --endpoint-url http://127.0.0.1:",
                        "Customer Profiles endpoint : http://127.0.0.1:",
                        "Domain                     : pinpoint-import",
                        "customer-profiles search-profiles --domain-name pinpoint-import");
    }

    @Test
    void emulatorInLeanModeSaysSoInItsBanner() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        stop.complete(null);
        CliContext context = CliContext.builder()
                .out(new PrintStream(out, true, UTF_8))
                .err(new PrintStream(new ByteArrayOutputStream(), true, UTF_8))
                .terminal(false)
                .stopSignal(stop)
                .build();

        int exit = PinpointImportCli.run(context, "emulator", "--pace", "instant", "--keep-endpoints", "false");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(UTF_8)).contains("Pinpoint import emulator (", ", endpoints not kept)");
    }

    @Test
    void keepEndpointsTakesOnlyTrueOrFalse() {
        Result r = CliRunner.run("emulator", "--keep-endpoints", "maybe");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void badPaceIsAUsageError() {
        Result r = CliRunner.run("emulator", "--pace", "warp");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not a pace");
    }
}
