package io.pinpointimport.emulator.profiles.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reading one job's file found: the counts, and the profile changes its rows make, staged apart from the
 * domain and applied only when the job succeeds at least in part.
 */
final class StagedRows {
    long rows;
    long created;
    long updated;
    long failed;
    boolean fileFailed;

    /** Full mode: key to the profile as the rows leave it. */
    final Map<String, Profile> staged = new LinkedHashMap<>();
    /** Lean mode: the keys the rows name. */
    final Set<String> stagedKeys = new HashSet<>();

    private final ProfilesContext context;

    StagedRows(ProfilesContext context) {
        this.context = context;
    }

    /**
     * Checks one data row and stages what it changes, or counts it failed.
     *
     * @param width the header's number of cells
     * @param indexes the column of each of the job's mappings
     * @param keyIndex the column of the {@code UniqueKey}
     */
    void apply(UploadJob job, UploadCsvReader.Row row, int width, int[] indexes, int keyIndex) {
        List<String> cells = row.cells();
        if (row.malformed() || cells.size() != width) {
            failed++;
            return;
        }
        String key = cells.get(keyIndex);
        if (key.isEmpty() || key.length() > ProfileFields.MAX_VALUE_LENGTH) {
            failed++;
            return;
        }
        for (int i = 0; i < indexes.length; i++) {
            String value = cells.get(indexes[i]);
            if (!value.isEmpty()) {
                FieldMapping mapping = job.mappings.get(i);
                if (ProfileFields.problem(mapping.path(), mapping.contentType(), value) != null) {
                    failed++;
                    return;
                }
            }
        }
        Domain domain = job.domain;
        if (!context.settings.keepProfiles()) {
            boolean known = domain.keys.contains(key) || !stagedKeys.add(key);
            if (known) {
                updated++;
            } else {
                created++;
            }
            return;
        }
        Profile profile = staged.get(key);
        if (profile == null) {
            Profile existing = domain.profiles.get(key);
            profile = existing != null ? existing.copy() : new Profile(context.newId(), key);
            if (existing == null) {
                created++;
            } else {
                updated++;
            }
            staged.put(key, profile);
        } else {
            updated++;
        }
        for (int i = 0; i < indexes.length; i++) {
            String value = cells.get(indexes[i]);
            if (value.isEmpty()) {
                continue; // an empty cell leaves the field as it is (doc page, "Empty cells")
            }
            String path = job.mappings.get(i).path();
            if (path.startsWith(ProfileFields.ATTRIBUTES)) {
                profile.attributes.put(path.substring(ProfileFields.ATTRIBUTES.length()), value);
            } else {
                profile.values.put(path, value);
            }
        }
    }
}
