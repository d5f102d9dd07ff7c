package io.pinpointimport.testkit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.pinpoint.ModelledError;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;

class ImportJobsTest {
    @Test
    void createdJobsLookLikeTheServicesCreateAnswer() {
        ImportJobResponse a = ImportJobs.created("app");
        ImportJobResponse b = ImportJobs.created("app");
        assertThat(a.id()).matches("[0-9a-f]{32}").isNotEqualTo(b.id());
        assertThat(a.jobStatus()).isEqualTo(JobStatus.CREATED);
        assertThat(a.type()).isEqualTo("IMPORT");
        assertThat(a.totalProcessed()).isNull();
        assertThat(a.completionDate()).isNull();
    }

    @Test
    void runningStatusesClearTheCompletionDateAndTerminalOnesSetIt() {
        ImportJobResponse done = ImportJobs.completed(ImportJobs.created("app"), 7);
        assertThat(done.completionDate()).isNotNull();
        assertThat(done.totalProcessed()).isEqualTo(7);
        ImportJobResponse again = ImportJobs.withStatus(done, JobStatus.PROCESSING);
        assertThat(again.completionDate()).isNull();
        assertThat(again.totalProcessed()).isEqualTo(3);
        assertThat(ImportJobs.withStatus(done, JobStatus.PENDING_JOB).totalProcessed())
                .isZero();
    }

    @Test
    void failureLinesFollowTheServicesCap() {
        ImportJobResponse job = ImportJobs.created("app");
        List<String> tooMany = Collections.nCopies(101, "line");
        assertThatThrownBy(() -> ImportJobs.failed(job, tooMany))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> ImportJobs.completedWithRowFailures(job, 10, List.of("a", "b"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("totalFailures");
        assertThat(ImportJobs.completedWithRowFailures(job, 500, Collections.nCopies(100, "x"), 400)
                        .failures())
                .hasSize(100);
    }

    @Test
    void jsonLeavesAbsentMembersOutAndNeverWraps() {
        String json = ImportJobs.toJson(ImportJobs.created("app"));
        assertThat(json)
                .startsWith("{\"ApplicationId\":\"app\"")
                .doesNotContain("ImportJobResponse", "null", "Failures", "TotalProcessed");
        assertThat(ImportJobs.toJson(List.of(), null)).isEqualTo("{\"Item\":[]}");
        assertThat(ImportJobs.toJson(List.of(), "t")).isEqualTo("{\"Item\":[],\"NextToken\":\"t\"}");
    }

    @Test
    void repliesCarryTheirRequestIdAndDescribeThemselves() {
        StubReply reply =
                StubReply.error(ModelledError.FORBIDDEN).withRequestId("r-1").withDelay(Duration.ofMillis(5));
        assertThat(reply.requestId()).isEqualTo("r-1");
        assertThat(reply.message()).hasValue("Stubbed ForbiddenException");
        assertThat(reply.toString()).contains("ForbiddenException", "r-1", "PT0.005S");
        assertThatThrownBy(() -> reply.withDelay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PinpointStubs.forApp("app").createImportJob())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one reply");
    }
}
