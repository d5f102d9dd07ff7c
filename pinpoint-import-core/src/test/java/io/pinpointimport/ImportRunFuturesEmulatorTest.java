package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.event.ImportListener;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.spi.StoredShard;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** The futures a run hands out are the caller's own: timing one out or cancelling it leaves the run alone. */
class ImportRunFuturesEmulatorTest {
    private static final int RECORDS = 5;

    @TempDir
    Path temp;

    @RegisterExtension
    final EmulatedPinpoint pinpoint = EmulatedPinpoint.start();

    final EmulatorShardStore store = new EmulatorShardStore();
    /** Holds the input after its first record, so the run is still going while the test acts on it. */
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
    }

    private ImportRun start() {
        return pinpoint.importer(store, temp).build().importEndpoints(heldInput());
    }

    private Iterator<EndpointDefinition> heldInput() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                if (next == 1) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return next < RECORDS;
            }

            @Override
            public EndpointDefinition next() {
                if (next >= RECORDS) {
                    throw new NoSuchElementException();
                }
                return EmulatedPinpoint.endpoint(next++);
            }
        };
    }

    @Test
    void aCallersTimeoutOrCancelDoesNotFailTheRunForOtherCallers() {
        ImportRun run = start();
        CompletableFuture<ImportSummary> impatient = run.summary().orTimeout(1, TimeUnit.NANOSECONDS);
        CompletableFuture<?> jobsGivenUp = run.jobs();
        CompletableFuture<ImportSummary> patient = run.summary();

        assertThatThrownBy(impatient::join).hasCauseInstanceOf(TimeoutException.class);
        assertThat(jobsGivenUp.cancel(true)).isTrue();
        run.jobs().orTimeout(1, TimeUnit.NANOSECONDS);

        assertThat(patient).isNotDone();
        assertThat(run.summary()).isNotDone();
        assertThat(run.jobs()).isNotDone();

        release.countDown();
        ImportSummary summary = patient.join();
        assertThat(summary.recordsRead()).isEqualTo(RECORDS);
        assertThat(summary.recordsSubmitted()).isEqualTo(RECORDS);
        assertThat(run.summary().join().recordsRead()).isEqualTo(RECORDS);
        assertThat(run.jobs().join()).hasSize(summary.shards());
        assertThat(impatient).isCompletedExceptionally();
    }

    @Test
    void listenersHearEveryEventWithTheRunIdInTheLoggingContext() {
        List<String> contexts = new CopyOnWriteArrayList<>();
        ImportRun run = start();
        run.addListener(new ImportListener() {
            private void note(String event) {
                contexts.add(event + "=" + MDC.get(ImportRun.MDC_RUN_ID));
            }

            @Override
            public void shardStored(StoredShard stored) {
                note("shardStored");
            }

            @Override
            public void jobStatus(String s3Url, JobSnapshot job) {
                note("jobStatus");
            }

            @Override
            public void jobEnded(ImportResult result) {
                note("jobEnded");
            }

            @Override
            public void runEnded(ImportSummary summary) {
                note("runEnded");
            }
        });
        release.countDown();
        run.summary().join();

        assertThat(contexts).extracting(c -> c.substring(c.indexOf('=') + 1)).containsOnly(run.runId());
        assertThat(contexts)
                .extracting(c -> c.substring(0, c.indexOf('=')))
                .contains("shardStored", "jobStatus", "jobEnded", "runEnded");
        assertThat(MDC.get(ImportRun.MDC_RUN_ID)).isNull();

        // every log line of the library about this run or its jobs (whose S3 URLs hold the run id), on whatever
        // thread, carries the run id
        List<RecordingSlf4jProvider.Event> lines = RecordingSlf4jProvider.EVENTS.stream()
                .filter(e -> e.logger().startsWith("io.pinpointimport."))
                .filter(e ->
                        e.arguments().stream().anyMatch(a -> String.valueOf(a).contains(run.runId())))
                .toList();
        assertThat(lines)
                .extracting(RecordingSlf4jProvider.Event::logger)
                .contains("io.pinpointimport.internal.run.RunExecution", "io.pinpointimport.internal.job.JobExecution");
        assertThat(lines).allSatisfy(e -> assertThat(e.runId()).as(e.toString()).isEqualTo(run.runId()));
    }

    @Test
    void cancellingTheSummaryCancelsTheRunAsDocumented() {
        ImportRun run = start();
        CompletableFuture<ImportSummary> other = run.summary();

        assertThat(run.summary().cancel(true)).isTrue();
        // a stopped run's futures complete once reading has let go of the input, and this input holds on until released
        release.countDown();

        assertThatThrownBy(other::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> run.summary().join()).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> run.jobs().join())
                .isInstanceOfAny(CancellationException.class, CompletionException.class);
    }
}
