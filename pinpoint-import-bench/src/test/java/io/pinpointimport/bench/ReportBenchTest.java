package io.pinpointimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.report.RecordOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of {@link ReportBench} at a tiny size: it measures nothing, it checks the run is what it says. */
class ReportBenchTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackTheReportOfASmallRun() throws Exception {
        ReportBench.Result r = ReportBench.run(dir, 20_000, 3_000);

        long rejected = (20_000 + ReportBench.REJECT_EVERY - 1 - 5) / ReportBench.REJECT_EVERY;
        assertThat(r.shards()).isEqualTo(7);
        assertThat(r.counts().total()).isEqualTo(20_000);
        assertThat(r.counts().of(RecordOutcome.REJECTED)).isEqualTo(rejected);
        assertThat(r.counts().of(RecordOutcome.FAILED_WITH_JOB)).isEqualTo(3_000);
        assertThat(r.counts().of(RecordOutcome.FAILED_IN_SERVICE)).isEqualTo(6L * ReportBench.LINES_PER_JOB);
        assertThat(r.counts().of(RecordOutcome.ROW_NOT_IDENTIFIED)).isZero();
        assertThat(r.last()).hasValueSatisfying(f -> assertThat(f.recordIndex()).isEqualTo(19_999));
        assertThat(r.reportBytes()).isPositive();
    }
}
