package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One domain: its settings, its upload jobs (oldest first), its profiles and the counters of {@code Stats}. */
final class Domain {
    final String name;
    final Instant createdAt;
    final int defaultExpirationDays;
    /** The request members the service only echoes: {@code DefaultEncryptionKey}, {@code DeadLetterQueueUrl}, tags. */
    final ObjectNode echoed;

    final LinkedHashMap<String, UploadJob> jobs = new LinkedHashMap<>();
    /** Key: the {@code UniqueKey} value (full mode). */
    final Map<String, Profile> profiles = new LinkedHashMap<>();
    /** The {@code UniqueKey} values (lean mode). */
    final Set<String> keys = new HashSet<>();
    /** The {@code UniqueKey}s of the jobs that ran here: search keys of this domain. */
    final Set<String> uniqueKeyNames = new HashSet<>();

    long objectCount;
    long totalSize;
    Instant lastUpdatedAt;

    Domain(String name, Instant createdAt, int defaultExpirationDays, ObjectNode echoed) {
        this.name = name;
        this.createdAt = createdAt;
        this.lastUpdatedAt = createdAt;
        this.defaultExpirationDays = defaultExpirationDays;
        this.echoed = echoed;
    }

    /** @param full whether whole profiles are kept (else only their keys) */
    int profileCount(boolean full) {
        return full ? profiles.size() : keys.size();
    }
}
