package io.pinpointimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpointimport.cli.CliRunner.Result;
import org.junit.jupiter.api.Test;

/** {@code demo --target customer-profiles}: the whole flow into the in-process Customer Profiles emulator. */
class DemoProfilesCommandTest {
    @Test
    void demoImportsIntoCustomerProfilesAndReadsTheSeedUsersProfilesBack() {
        Result r = CliRunner.run(
                "demo", "--target", "customer-profiles", "--records", "200", "--max-shard-size", "20KB", "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = CliEmulatorTest.json(r.out());
        assertThat(doc.get("domain").asText()).isEqualTo("pinpoint-import-demo");
        JsonNode summary = doc.get("summary");
        assertThat(summary.get("recordsRead").asLong()).isEqualTo(203);
        assertThat(summary.get("recordsRejected").asLong()).isZero();
        assertThat(summary.get("shards").asInt()).isGreaterThan(1);
        assertThat(summary.get("jobsCompleted").asInt())
                .isEqualTo(summary.get("shards").asInt());
        JsonNode readBack = doc.get("readBack");
        assertThat(readBack).hasSize(2);
        assertThat(readBack.findValuesAsText("country")).containsExactlyInAnyOrder("CAN", "USA");
        assertThat(readBack.findValuesAsText("email")).contains("jo***@example.com");
        assertThat(r.out() + r.err())
                .doesNotContain("john.stiles@example.com")
                .doesNotContain("2065550182")
                .doesNotContain("example-user-id-1");
    }

    @Test
    void demoTextSaysWhereItImported() {
        Result r = CliRunner.run("demo", "--target", "customer-profiles", "--records", "20");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("Starting the local Customer Profiles emulator");
        assertThat(r.out())
                .contains(
                        "records read      23",
                        "COMPLETED",
                        "SearchProfiles",
                        "--target" + " customer-profiles --domain DOMAIN");
    }
}
