package io.pinpointimport.internal.journal;

import io.pinpointimport.internal.run.RunSettings;
import io.pinpointimport.job.JobOptions;
import io.pinpointimport.spi.ShardStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The settings a resumed run must share with the run it continues, and their fingerprint. No promises: internal. */
public final class Fingerprint {
    private Fingerprint() {
    }

    /**
     * The settings that decide which shards are written and what their jobs do. Timeouts, polling, retries, limits,
     * executors and listeners may differ on resume: they change how, not what.
     *
     * @param s the run's settings
     * @return the settings by name
     */
    public static SortedMap<String, String> settings(RunSettings s) {
        SortedMap<String, String> m = new TreeMap<>();
        m.put("format", s.format().name());
        m.put("maxShardBytes", Long.toString(s.maxShardBytes()));
        m.put("maxRecordsPerShard", Long.toString(s.maxRecordsPerShard()));
        m.put("validator", s.validator().toString());
        m.put("badRecordPolicy", s.policy().toString());
        JobOptions o = s.jobOptions();
        m.put("jobOptions", "registerEndpoints=" + o.registerEndpoints() + ", defineSegment=" + o.defineSegment()
                + ", segmentName=" + o.segmentName().orElse("") + ", segmentId=" + o.segmentId().orElse("")
                // the external id is a secret of sorts: only its digest goes into the journal
                + ", externalId=" + o.externalId().map(x -> sha256(x).substring(0, 16)).orElse(""));
        m.put("importTarget", s.target().describe());
        m.put("shardStore", s.store().describe());
        return m;
    }

    /**
     * @param settings settings by name
     * @return SHA-256 (hex) of their canonical text: sorted {@code name=value} lines
     */
    public static String of(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
