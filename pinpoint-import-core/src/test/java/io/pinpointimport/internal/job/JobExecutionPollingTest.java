package io.pinpointimport.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.job.PollingOptions;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The waits between checks, replayed on a virtual clock with the default polling options: every job's life from
 * create to the end is run in full, so that the assertions are about the schedule itself, never about timing.
 */
class JobExecutionPollingTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final JobRequest REQUEST =
            JobRequest.of("s3://bucket/imports/run-1/00000/", ImportFormat.CSV, JobOptions.ofDefaults());

    private final VirtualTime time = new VirtualTime(T0);

    /** A job that runs for a fixed time after its creation; it records when each check came. */
    private final class Job implements ImportTarget {
        final Duration length;
        final String creationDate;
        final List<Instant> checks = new ArrayList<>();
        Instant created;
        boolean exists;
        int stopRequests;

        Job(Duration length, String creationDate) {
            this.length = length;
            this.creationDate = creationDate;
        }

        @Override
        public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
            created = time.instant();
            return CompletableFuture.completedFuture(snapshot("CREATED"));
        }

        @Override
        public CompletableFuture<JobSnapshot> getJob(String jobId) {
            checks.add(time.instant());
            boolean over = !time.instant().isBefore(created.plus(length));
            return CompletableFuture.completedFuture(snapshot(over ? "COMPLETED" : "PROCESSING"));
        }

        @Override
        public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
            return CompletableFuture.completedFuture(exists ? Optional.of(snapshot("PROCESSING")) : Optional.empty());
        }

        @Override
        public CompletableFuture<Boolean> stopJob(String jobId) {
            stopRequests++;
            return CompletableFuture.completedFuture(true);
        }

        private JobSnapshot snapshot(String status) {
            return JobSnapshot.builder()
                    .id("job-1")
                    .s3Url(REQUEST.s3Url())
                    .statusText(status)
                    .creationDate(creationDate)
                    .totalProcessed(7)
                    .totalFailures(0)
                    .build();
        }
    }

    private JobEngine engine(Job job) {
        return new JobEngine(
                job,
                time.scheduler(),
                JobLimit.of(1),
                PollingOptions.ofDefaults(),
                RetryOptions.ofDefaults(),
                null,
                time);
    }

    private ImportResult runToTheEnd(JobExecution execution) {
        while (!execution.result().isDone() && time.runNext()) {
            // the virtual clock moves to each scheduled check in turn
        }
        assertThat(execution.result()).isDone();
        return execution.result().join();
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(ints = {60, 100, 150, 300, 600, 1200, 3600})
    void checksFollowTheAgeAndTheEndIsNoticedWithinTenPercentFromOneHundredSeconds(int seconds) {
        Duration length = Duration.ofSeconds(seconds);
        for (int trial = 0; trial < 50; trial++) {
            Job job = new Job(length, null);
            JobExecution execution = engine(job).submit(REQUEST, 0, 1, null);
            ImportResult result = runToTheEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
            Instant previous = job.created;
            for (Instant check : job.checks) {
                long ageMs = Duration.between(job.created, previous).toMillis();
                long gapMs = Duration.between(previous, check).toMillis();
                if (ageMs < 60_000) {
                    assertThat(gapMs).as("wait at age %d ms", ageMs).isBetween(4_250L, 5_750L);
                } else {
                    assertThat(gapMs)
                            .as("wait at age %d ms", ageMs)
                            .isBetween(10_000L, 60_000L)
                            .isLessThanOrEqualTo(Math.max(10_000L, Math.round(ageMs * 0.092)));
                }
                previous = check;
            }
            Duration late = Duration.between(job.created.plus(length), result.finishedAt());
            assertThat(late.isNegative()).as("noticed after the end").isFalse();
            // issue 9: within 10 % of the job's length; at 60 s by the first minute's short waits, from 100 s on by
            // the age-based waits (between the two, the 10 s floor wins: see PollingOptions)
            assertThat(late.toMillis())
                    .as("noticed late, job of %d s", seconds)
                    .isLessThanOrEqualTo(length.toMillis() / 10);
            assertThat(time.pending())
                    .as("nothing left scheduled after the end")
                    .isZero();
        }
    }

    @Test
    void betweenOneMinuteAndOneHundredSecondsTheFloorCanMakeANoticeLaterThanTenPercent() {
        long worstMs = 0;
        for (int trial = 0; trial < 200; trial++) {
            Job job = new Job(Duration.ofSeconds(66), null);
            ImportResult result = runToTheEnd(engine(job).submit(REQUEST, 0, 1, null));
            worstMs = Math.max(
                    worstMs,
                    Duration.between(job.created.plus(job.length), result.finishedAt())
                            .toMillis());
        }
        // documented, not hidden: after the first minute checks are 10 s apart, so a job that ends just after one
        // is noticed up to 10 s later, more than 10 % of 66 s
        assertThat(worstMs).isGreaterThan(6_600).isLessThanOrEqualTo(10_000);
    }

    @Test
    void aJobWatchedAfterAResumeCountsItsAgeFromTheServicesCreationDate() {
        Job job = new Job(Duration.ofMinutes(30), "2026-11-29T09:50:00.000Z"); // 10 minutes before T0
        job.created = Instant.parse("2026-11-29T09:50:00Z");

        JobExecution execution = engine(job).watch(REQUEST, 0, 1, "job-1", null);
        time.runNext(); // the second check

        assertThat(job.checks).hasSize(2);
        assertThat(job.checks.get(0)).as("the first check comes at once").isEqualTo(T0);
        // 10 minutes old: 8 % of 600 s ± 15 %, not the first minute's 5 s
        assertThat(Duration.between(job.checks.get(0), job.checks.get(1)).toMillis())
                .isBetween(40_800L, 55_200L);
        execution.result().cancel(false);
        assertThat(time.pending()).isZero();
    }

    @Test
    void aJobAdoptedByItsUrlCountsItsAgeFromTheServicesCreationDate() {
        // an earlier process created the job 10 minutes ago and never learnt it
        Job job = new Job(Duration.ofMinutes(30), "2026-11-29T09:50:00.000Z");
        job.created = Instant.parse("2026-11-29T09:50:00Z");
        job.exists = true;

        JobExecution execution = engine(job).submit(REQUEST, 0, 1, null, true);
        time.runNext();

        assertThat(execution.result()).isNotDone();
        assertThat(job.checks).hasSize(1);
        assertThat(Duration.between(T0, job.checks.get(0)).toMillis()).isBetween(40_800L, 55_200L);
        execution.result().cancel(false);
        assertThat(time.pending()).isZero();
    }

    @Test
    void aJobWatchedByItsIdAloneTakesItsUrlFromTheServiceAndItsAgeFromTheCreationDate() {
        Job job = new Job(Duration.ofMinutes(11), "2026-11-29T09:50:00.000Z"); // ends one minute after T0
        job.created = Instant.parse("2026-11-29T09:50:00Z");

        JobExecution execution = engine(job).watchById("job-1", null);
        time.runNext();
        assertThat(job.checks).hasSize(2);
        assertThat(Duration.between(job.checks.get(0), job.checks.get(1)).toMillis())
                .as("10 minutes old: the age-based wait, not the first minute's")
                .isBetween(40_800L, 55_200L);
        ImportResult result = runToTheEnd(execution);

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.jobId()).isEqualTo("job-1");
        assertThat(result.s3Url()).isEqualTo(REQUEST.s3Url());
        assertThat(result.shardNumber()).isEqualTo(-1);
        assertThat(result.recordsSubmitted()).isEmpty();
        assertThat(result.totalProcessed()).hasValue(7);
        assertThat(time.pending()).isZero();
    }

    @Test
    void cancellingAWatchByIdStopsWatchingButNeverAsksTheServiceToStopTheJob() {
        Job job = new Job(Duration.ofHours(1), null);
        job.created = T0;
        JobEngine engine = engine(job);

        JobExecution watched = engine.watchById("job-1", null);
        assertThat(job.checks).as("the first check comes at once").hasSize(1);
        watched.result().cancel(false);

        assertThat(time.pending()).as("no check left scheduled").isZero();
        assertThat(job.stopRequests).as("a watched job is not ours to stop").isZero();

        JobExecution resumed = engine.watch(REQUEST, 0, 1, "job-1", null);
        resumed.result().cancel(false);
        assertThat(job.stopRequests)
                .as("a run's own job is asked to stop on cancel")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "CreationDate {0}")
    @ValueSource(strings = {"", "yesterday", "2026-11-29T10:05:00.000Z", "2026-11-29T10:00:00"})
    void withoutAUsableCreationDateAWatchedJobsAgeCountsFromWhenWatchingStarted(String creationDate) {
        // missing, not a date, in the future (a local clock behind the service's), without an offset
        Job job = new Job(Duration.ofMinutes(30), creationDate.isEmpty() ? null : creationDate);
        job.created = T0.minus(Duration.ofMinutes(10));

        JobExecution execution = engine(job).watch(REQUEST, 0, 1, "job-1", null);
        time.runNext();

        assertThat(Duration.between(job.checks.get(0), job.checks.get(1)).toMillis())
                .isBetween(4_250L, 5_750L);
        execution.result().cancel(false);
    }

    @Test
    void originIsTheCreationDateWithItsOffsetButNeverLaterThanTheBound() {
        JobSnapshot s = JobSnapshot.builder()
                .id("j")
                .creationDate("2026-11-29T11:50:00+02:00")
                .build();
        assertThat(JobExecution.origin(s, T0)).isEqualTo(Instant.parse("2026-11-29T09:50:00Z"));
        assertThat(JobExecution.origin(s, Instant.parse("2026-11-29T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
    }
}
