package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The five figures of issue 14 on the values themselves: per job, and summed over a run. */
class AccountingFiguresTest {
    private static final Instant T = Instant.parse("2026-12-06T00:00:00Z");

    private static ImportResult result(String status, long records, Integer processed, Integer failures) {
        JobSnapshot job = JobSnapshot.builder()
                .id("job-" + status + records)
                .statusText(status)
                .totalProcessed(processed)
                .totalFailures(failures)
                .build();
        return ImportResult.builder()
                .s3Url("s3://b/r/00000/")
                .shardNumber(0)
                .recordsSubmitted(records)
                .job(job)
                .queuedAt(T)
                .startedAt(T)
                .createdAt(T)
                .finishedAt(T)
                .build();
    }

    @Test
    void failedJobCountsEveryRecordOfItsShardNotTheServicesFailureCount() {
        ImportResult r = result("FAILED", 2_134, 0, 1);

        assertThat(r.recordsFailedWithJob()).isEqualTo(2_134);
        assertThat(r.recordsFailedInService()).isZero();
        assertThat(r.recordsImported()).isZero();
        assertThat(r.totalFailures()).hasValue(1);
    }

    @Test
    void completedJobSplitsItsRecordsIntoImportedAndFailedRows() {
        ImportResult r = result("COMPLETED", 100, 100, 7);
        assertThat(r.recordsImported()).isEqualTo(93);
        assertThat(r.recordsFailedInService()).isEqualTo(7);
        assertThat(r.recordsFailedWithJob()).isZero();

        // a failure count above the shard's records is capped, so the figures still add up
        ImportResult odd = result("COMPLETED", 5, 9, 9);
        assertThat(odd.recordsImported() + odd.recordsFailedInService()).isEqualTo(5);
        assertThat(odd.recordsFailedInService()).isEqualTo(5);
    }

    @Test
    void summaryAddsUpOverResultsJobErrorsAndRecordsNotSubmitted() {
        ImportSummary s = ImportSummary.builder()
                .runId("run")
                .recordsRead(2_450)
                .recordsRejected(6)
                .recordsSubmitted(2_444)
                .recordsNotSubmitted(50)
                .shards(5)
                .results(List.of(result("COMPLETED", 200, 200, 3), result("FAILED", 2_134, 0, 1)))
                .jobErrors(List.of(
                        new JobError(
                                "s3://b/r/00002/",
                                2,
                                60,
                                Optional.of("job-abandoned"),
                                new ImportException("watch abandoned")),
                        new JobError("s3://b/r/00003/", 3, 50, Optional.empty(), new ImportException("403"))))
                .startedAt(T)
                .finishedAt(T)
                .build();

        assertThat(s.recordsImported()).isEqualTo(197);
        assertThat(s.recordsFailedInService()).isEqualTo(3);
        // a FAILED job's records, and a created job whose end was not seen
        assertThat(s.recordsFailedWithJob()).isEqualTo(2_134 + 60);
        assertThat(s.recordsRejected()
                        + s.recordsImported()
                        + s.recordsFailedInService()
                        + s.recordsFailedWithJob()
                        + s.recordsNotSubmitted())
                .isEqualTo(s.recordsRead());
        assertThat(s.recordsNotImported()).isEqualTo(s.recordsRead() - s.recordsImported());
        assertThat(s.isClean()).isFalse();
        assertThat(s.toString()).contains("imported=197", "failedWithJob=2194", "notSubmitted=50");
        assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
        assertThat(s.toBuilder().stopped("cancelled").build()).isNotEqualTo(s);
        assertThat(s.toBuilder().leftInStore("kept").build().leftInStore()).contains("kept");
    }

    @Test
    void negativeNotSubmittedIsRefused() {
        assertThatThrownBy(() -> ImportSummary.builder()
                        .runId("r")
                        .recordsNotSubmitted(-1)
                        .startedAt(T)
                        .finishedAt(T)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recordsNotSubmitted");
    }
}
