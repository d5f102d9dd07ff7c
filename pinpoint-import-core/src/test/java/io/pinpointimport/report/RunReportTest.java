package io.pinpointimport.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.EmulatorShardStore;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportException;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.JobRequest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report on a scripted target: every record gets exactly one outcome, the counts match the summary, and the
 * service's failure lines land on the records the shard files hold at those lines.
 */
class RunReportTest {
    private static final int RECORDS = 100;
    private static final int PER_SHARD = 10;

    @TempDir
    Path journal;

    @TempDir
    Path temp;

    /** Ends each job at once as scripted by its shard number; counts creates per shard. */
    static final class ScriptedTarget implements ImportTarget {
        final Map<String, JobSnapshot> jobs = new ConcurrentHashMap<>();
        final Set<Integer> refuse = ConcurrentHashMap.newKeySet();

        @Override
        public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
            int shard = request.shardNumber().orElseThrow();
            if (refuse.contains(shard)) {
                return CompletableFuture.failedFuture(new ImportTargetException(
                        "refused", ImportTargetException.Kind.PERMANENT, 400, "BadRequestException", null));
            }
            String url = request.s3Url();
            JobSnapshot.Builder b = JobSnapshot.builder()
                    .id("job-" + shard)
                    .s3Url(url)
                    .statusText("COMPLETED")
                    .totalProcessed(PER_SHARD)
                    .totalFailures(0);
            if (shard == 0) {
                // rows 2 and 5: lines 4 and 7 of a CSV shard, below its header
                b.totalFailures(2)
                        .failures(List.of(url + "part.csv line 4: Invalid Address", url + "part.csv line 7: too long"));
            } else if (shard == 1) {
                b.statusText("FAILED").totalFailures(1).failures(List.of("Access denied to the role"));
            } else if (shard == 2) {
                b.totalFailures(3);
            }
            JobSnapshot job = b.build();
            jobs.put(job.id(), job);
            return CompletableFuture.completedFuture(job);
        }

        @Override
        public CompletableFuture<JobSnapshot> getJob(String jobId) {
            return CompletableFuture.completedFuture(jobs.get(jobId));
        }

        @Override
        public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    }

    private static List<EndpointDefinition> input() {
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            // every 7th address has no @: rejected locally (address.email-format)
            list.add(EndpointDefinition.builder()
                    .id("ep-" + i)
                    .channelType(ChannelType.EMAIL)
                    .address(i % 7 == 3 ? "user" + i + ".example.com" : "user" + i + "@example.com")
                    .build());
        }
        return list;
    }

    private EndpointImporter.Builder importer(ImportTarget target, EmulatorShardStore store) {
        return EndpointImporter.builder()
                .importTarget(target)
                .shardStore(store)
                .maxRecordsPerShard(PER_SHARD)
                .tempDirectory(temp)
                .journalDirectory(journal);
    }

    @Test
    void everyRecordHasOneOutcomeAndServiceLinesLandOnTheirRecords() throws Exception {
        ScriptedTarget target = new ScriptedTarget();
        EmulatorShardStore store = new EmulatorShardStore();
        ImportSummary summary;
        String runId;
        try (EndpointImporter importer = importer(target, store).build()) {
            ImportRun run = importer.importEndpoints(input());
            runId = run.runId();
            summary = run.outcome().get(30, TimeUnit.SECONDS);
        }

        RunReport report = RunReport.open(journal, runId);
        assertThat(report.runEnded()).isTrue();
        assertThat(report.recordsRead()).hasValue(RECORDS);
        List<RecordFate> fates;
        try (Stream<RecordFate> s = report.fates()) {
            fates = s.toList();
        }
        assertThat(fates).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(fates.get(i).recordIndex()).isEqualTo(i);
            assertThat(fates.get(i).endpointId()).hasValue("ep-" + i);
        }

        OutcomeCounts counts = report.counts();
        assertThat(counts.total()).isEqualTo(summary.recordsRead());
        assertThat(counts.of(RecordOutcome.REJECTED)).isEqualTo(summary.recordsRejected());
        assertThat(counts.of(RecordOutcome.FAILED_WITH_JOB)).isEqualTo(summary.recordsFailedWithJob());
        assertThat(counts.of(RecordOutcome.NOT_SUBMITTED)).isEqualTo(summary.recordsNotSubmitted());
        assertThat(counts.of(RecordOutcome.FAILED_IN_SERVICE)).isEqualTo(2);
        assertThat(counts.of(RecordOutcome.ROW_NOT_IDENTIFIED)).isEqualTo(PER_SHARD);
        // shard 2's 3 unnamed failures: its 10 rows are not identified; the summary splits them 7 / 3
        assertThat(counts.of(RecordOutcome.IMPORTED)
                        + counts.of(RecordOutcome.FAILED_IN_SERVICE)
                        + counts.of(RecordOutcome.ROW_NOT_IDENTIFIED))
                .isEqualTo(summary.recordsImported() + summary.recordsFailedInService());

        // rejected records carry their rule, and their position
        RecordFate rejected = fates.get(3);
        assertThat(rejected.outcome()).isEqualTo(RecordOutcome.REJECTED);
        assertThat(rejected.ruleIds()).isNotEmpty();
        assertThat(rejected.shard()).isEmpty();

        // each failure line names the record the shard file holds at that line
        String shard0 = new String(
                store.objects().entrySet().stream()
                        .filter(e -> e.getKey().contains("/00000/"))
                        .findFirst()
                        .orElseThrow()
                        .getValue(),
                StandardCharsets.UTF_8);
        List<String> lines = shard0.lines().toList();
        int idColumn = Arrays.asList(lines.get(0).split(",")).indexOf("Id");
        List<RecordFate> failed = fates.stream()
                .filter(f -> f.outcome() == RecordOutcome.FAILED_IN_SERVICE)
                .toList();
        assertThat(failed).hasSize(2);
        for (RecordFate f : failed) {
            String named = f.serviceLine().orElseThrow();
            int line = Integer.parseInt(named.replaceAll(".* line (\\d+): .*", "$1"));
            assertThat(f.endpointId()).hasValue(lines.get(line - 1).split(",")[idColumn]);
            assertThat(f.shard()).hasValue(0);
            assertThat(f.jobId()).hasValue("job-0");
            assertThat(f.toString()).doesNotContain(named).doesNotContain("example.com");
            assertThat(f.describe()).contains(named);
        }
        assertThat(fates.stream().filter(f -> f.outcome() == RecordOutcome.FAILED_WITH_JOB))
                .allSatisfy(f -> assertThat(f.jobId()).hasValue("job-1"));
        assertThat(report.fate(42))
                .hasValueSatisfying(f -> assertThat(f.recordIndex()).isEqualTo(42));
        assertThat(report.fate(RECORDS)).isEmpty();
        // nothing personal in the file
        assertThat(new String(Files.readAllBytes(journal.resolve(runId + ".placement")), StandardCharsets.UTF_8))
                .doesNotContain("example.com");
    }

    @Test
    void resumedRunContinuesTheReport() throws Exception {
        ScriptedTarget target = new ScriptedTarget();
        target.refuse.add(4);
        EmulatorShardStore store = new EmulatorShardStore();
        String runId;
        try (EndpointImporter importer = importer(target, store).build()) {
            ImportRun run = importer.importEndpoints(input());
            runId = run.runId();
            ImportSummary first = run.outcome().get(30, TimeUnit.SECONDS);
            assertThat(first.recordsNotSubmitted()).isPositive();
            assertThat(RunReport.open(journal, runId).counts().of(RecordOutcome.NOT_SUBMITTED))
                    .isEqualTo(first.recordsNotSubmitted());

            target.refuse.clear();
            ImportSummary second = importer.resume(runId, input()).outcome().get(30, TimeUnit.SECONDS);
            OutcomeCounts counts = RunReport.open(journal, runId).counts();
            assertThat(second.recordsNotSubmitted()).isZero();
            assertThat(counts.of(RecordOutcome.NOT_SUBMITTED)).isZero();
            assertThat(counts.total()).isEqualTo(second.recordsRead());
            assertThat(counts.of(RecordOutcome.REJECTED)).isEqualTo(second.recordsRejected());
            assertThat(counts.of(RecordOutcome.FAILED_WITH_JOB)).isEqualTo(second.recordsFailedWithJob());
        }
    }

    @Test
    void aReportCutShortIsReadUpToItsLastWholeRecord() throws Exception {
        String runId;
        try (EndpointImporter importer =
                importer(new ScriptedTarget(), new EmulatorShardStore()).build()) {
            ImportRun run = importer.importEndpoints(input());
            runId = run.runId();
            run.outcome().get(30, TimeUnit.SECONDS);
        }
        Path placement = journal.resolve(runId + ".placement");
        try (FileChannel ch = FileChannel.open(placement, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        OutcomeCounts counts = RunReport.open(journal, runId).counts();
        assertThat(counts.total()).isBetween(1L, (long) RECORDS - 1);
    }

    @Test
    void noReportWhenTurnedOffOrWithoutJournal() throws Exception {
        String runId;
        try (EndpointImporter importer = importer(new ScriptedTarget(), new EmulatorShardStore())
                .runReport(false)
                .build()) {
            ImportRun run = importer.importEndpoints(input());
            runId = run.runId();
            run.outcome().get(30, TimeUnit.SECONDS);
        }
        assertThat(journal.resolve(runId + ".placement")).doesNotExist();
        assertThatThrownBy(() -> RunReport.open(journal, runId))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("kept no report");
        assertThatThrownBy(() -> RunReport.open(journal, "run-none"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("There is no run run-none");
    }

    @Test
    void reportFileIsOwnerOnly() throws IOException, Exception {
        String runId;
        try (EndpointImporter importer =
                importer(new ScriptedTarget(), new EmulatorShardStore()).build()) {
            ImportRun run = importer.importEndpoints(input());
            runId = run.runId();
            run.outcome().get(30, TimeUnit.SECONDS);
        }
        assertThat(Files.getPosixFilePermissions(journal.resolve(runId + ".placement")))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
