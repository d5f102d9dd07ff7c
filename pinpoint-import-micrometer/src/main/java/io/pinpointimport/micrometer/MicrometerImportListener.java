package io.pinpointimport.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.spi.ImportTargetException;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.validation.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * Records what import runs do as Micrometer meters. Give one instance to an importer's builder
 * ({@code EndpointImporter.builder().listener(listener)}); it serves every run of that importer, also concurrent
 * ones. All meters carry the tag {@code target} (what you name the target, for example {@code pinpoint}) and any
 * common tags you add; none carries personal data or a run id (which would grow the number of series without
 * end).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>extra tags</th><th>what</th></tr>
 *   <tr><td>{@code pinpointimport.records.read}</td><td>counter</td><td></td><td>input records read</td></tr>
 *   <tr><td>{@code pinpointimport.records.rejected}</td><td>counter</td><td></td><td>records rejected
 *     locally (not sent)</td></tr>
 *   <tr><td>{@code pinpointimport.records.stored}</td><td>counter</td><td></td><td>records in stored
 *     shards</td></tr>
 *   <tr><td>{@code pinpointimport.shards.stored}</td><td>counter</td><td></td><td>shards stored</td></tr>
 *   <tr><td>{@code pinpointimport.bytes.stored}</td><td>counter (base unit bytes)</td><td></td><td>bytes of
 *     stored shards</td></tr>
 *   <tr><td>{@code pinpointimport.jobs}</td><td>counter</td><td>{@code status}: {@code COMPLETED},
 *     {@code FAILED}, {@code ERROR}</td><td>jobs that ended; {@code ERROR}: not carried to a terminal
 *     status</td></tr>
 *   <tr><td>{@code pinpointimport.job.polls}</td><td>counter</td><td></td><td>job states reported by the
 *     service (after the create and after every check)</td></tr>
 *   <tr><td>{@code pinpointimport.retries}</td><td>counter</td><td>{@code kind}: {@code THROTTLED},
 *     {@code TRANSIENT}, {@code QUOTA}, {@code OTHER}</td><td>calls to the service tried again</td></tr>
 *   <tr><td>{@code pinpointimport.run.duration}</td><td>timer</td><td>{@code outcome}: {@code finished},
 *     {@code failed}</td><td>from a run's start to its end</td></tr>
 * </table>
 *
 * <p>Thread-safe; every method returns at once, as {@link ImportListener} requires.
 */
public final class MicrometerImportListener implements ImportListener {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter recordsRead;
    private final Counter recordsRejected;
    private final Counter recordsStored;
    private final Counter shardsStored;
    private final Counter bytesStored;
    private final Counter polls;
    /** Per running run: the records read reported so far and when it was first heard of. */
    private final Map<String, RunState> runs = new ConcurrentHashMap<>();

    private MicrometerImportListener(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.recordsRead = counter("pinpointimport.records.read", "Input records read", null);
        this.recordsRejected = counter("pinpointimport.records.rejected", "Records rejected locally", null);
        this.recordsStored = counter("pinpointimport.records.stored", "Records in stored shards", null);
        this.shardsStored = counter("pinpointimport.shards.stored", "Shards stored", null);
        this.bytesStored = counter("pinpointimport.bytes.stored", "Bytes of stored shards", "bytes");
        this.polls = counter("pinpointimport.job.polls", "Job states reported by the service", null);
    }

    /**
     * @param registry where the meters go
     * @param target the value of the {@code target} tag, for example {@code pinpoint} or {@code customer-profiles}
     * @return a listener
     */
    public static MicrometerImportListener create(MeterRegistry registry, String target) {
        return create(registry, target, Tags.empty());
    }

    /**
     * @param registry where the meters go
     * @param target the value of the {@code target} tag
     * @param commonTags more tags for every meter (keep their values few: each value makes new series)
     * @return a listener
     */
    public static MicrometerImportListener create(MeterRegistry registry, String target, Iterable<Tag> commonTags) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(commonTags, "commonTags");
        return new MicrometerImportListener(registry, Tags.of(commonTags).and("target", target));
    }

    private Counter counter(String name, String description, String unit) {
        return Counter.builder(name)
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(registry);
    }

    @Override
    public void progress(ImportProgress progress) {
        RunState run = run(progress.runId());
        long delta;
        synchronized (run) {
            delta = progress.recordsRead() - run.recordsRead;
            if (delta > 0) {
                run.recordsRead = progress.recordsRead();
            }
        }
        if (delta > 0) {
            recordsRead.increment(delta);
        }
    }

    @Override
    public void recordRejected(List<Rejection> rejections) {
        recordsRejected.increment();
    }

    @Override
    public void shardStored(StoredShard stored) {
        shardsStored.increment();
        recordsStored.increment(stored.shard().recordCount());
        bytesStored.increment(stored.shard().byteCount());
    }

    @Override
    public void jobStatus(String s3Url, JobSnapshot job) {
        polls.increment();
    }

    @Override
    public void jobEnded(ImportResult result) {
        jobs(result.status().name());
    }

    @Override
    public void jobError(String s3Url, Throwable cause) {
        jobs("ERROR");
    }

    private void jobs(String status) {
        Counter.builder("pinpointimport.jobs")
                .description("Jobs that ended, by status")
                .tags(tags)
                .tag("status", status)
                .register(registry)
                .increment();
    }

    @Override
    public void retrying(Throwable cause) {
        String kind = cause instanceof ImportTargetException e ? e.kind().name() : "OTHER";
        Counter.builder("pinpointimport.retries")
                .description("Calls to the service tried again")
                .tags(tags)
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    @Override
    public void runEnded(ImportSummary summary) {
        RunState run = runs.remove(summary.runId());
        long unheard = summary.recordsRead() - (run == null ? 0 : run.recordsRead);
        if (unheard > 0) {
            recordsRead.increment(unheard);
        }
        duration("finished", summary.duration());
    }

    @Override
    public void runFailed(Throwable cause) {
        // the failing run's id is in the logging context while its listeners are called
        String runId = MDC.get(ImportRun.MDC_RUN_ID);
        RunState run = runId == null ? null : runs.remove(runId);
        if (run != null) {
            duration("failed", Duration.between(run.firstHeard, Instant.now()));
        }
    }

    private void duration(String outcome, Duration duration) {
        Timer.builder("pinpointimport.run.duration")
                .description("Import runs from start to end")
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }

    private RunState run(String runId) {
        return runs.computeIfAbsent(runId, id -> new RunState(Instant.now()));
    }

    @Override
    public String toString() {
        return "MicrometerImportListener" + tags;
    }

    private static final class RunState {
        final Instant firstHeard;
        long recordsRead;

        RunState(Instant firstHeard) {
            this.firstHeard = firstHeard;
        }
    }
}
