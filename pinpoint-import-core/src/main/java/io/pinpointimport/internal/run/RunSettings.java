package io.pinpointimport.internal.run;

import io.pinpointimport.BadRecordPolicy;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.journal.Fingerprint;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.job.PollingOptions;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.validation.EndpointValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a run needs, as the importer was built. No promises: internal.
 *
 * @param target the import target
 * @param store the shard store
 * @param format the shards' format
 * @param maxShardBytes shard byte limit
 * @param maxRecordsPerShard shard record limit
 * @param validator the validator
 * @param policy the bad-record policy
 * @param jobOptions job options
 * @param polling polling options
 * @param retry retry options
 * @param limit the shared job limit
 * @param jobTimeout per-job timeout or null
 * @param runTimeout whole-run timeout or null
 * @param executor where input is read
 * @param scheduler where waits are scheduled
 * @param tempDirectory where shard files are written, or null for the system's
 * @param listeners listeners set on the importer
 * @param clock the clock
 * @param retainedRejections how many rejections the summary retains
 */
public record RunSettings(
        ImportTarget target,
        ShardStore store,
        ImportFormat format,
        long maxShardBytes,
        long maxRecordsPerShard,
        EndpointValidator validator,
        BadRecordPolicy policy,
        JobOptions jobOptions,
        PollingOptions polling,
        RetryOptions retry,
        JobLimit limit,
        Duration jobTimeout,
        Duration runTimeout,
        Executor executor,
        ScheduledExecutorService scheduler,
        Path tempDirectory,
        List<ImportListener> listeners,
        Clock clock,
        int retainedRejections) {

    /**
     * The settings that decide which shards are written and what their jobs do, by name, as the journal keeps
     * them: a resumed run must share them with the run it continues. Timeouts, polling, retries, limits, executors
     * and listeners may differ on resume: they change how, not what.
     *
     * @return the settings by name
     */
    public SortedMap<String, String> fingerprinted() {
        SortedMap<String, String> m = new TreeMap<>();
        m.put("format", format.name());
        m.put("maxShardBytes", Long.toString(maxShardBytes));
        m.put("maxRecordsPerShard", Long.toString(maxRecordsPerShard));
        m.put("validator", validator.toString());
        m.put("badRecordPolicy", policy.toString());
        JobOptions o = jobOptions;
        m.put(
                "jobOptions",
                "registerEndpoints=" + o.registerEndpoints() + ", defineSegment=" + o.defineSegment()
                        + ", segmentName=" + o.segmentName().orElse("") + ", segmentId="
                        + o.segmentId().orElse("")
                        // the external id is a secret of sorts: only its digest goes into the journal
                        + ", externalId="
                        + o.externalId()
                                .map(x -> Fingerprint.sha256(x).substring(0, 16))
                                .orElse(""));
        m.put("importTarget", target.describe());
        m.put("shardStore", store.describe());
        return m;
    }
}
