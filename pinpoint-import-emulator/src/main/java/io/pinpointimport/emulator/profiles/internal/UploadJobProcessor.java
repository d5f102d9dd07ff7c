package io.pinpointimport.emulator.profiles.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Moves a started upload job to its final state: reads its CSV file (header, then rows, each checked by
 * {@link StagedRows}), applies the staged profiles to the domain when the job succeeds at least in part, and
 * counts. The planned job failures of {@link UploadJobFaults} are taken here.
 */
final class UploadJobProcessor {

    private final ProfilesContext context;
    private final UploadJobFaults faults;

    UploadJobProcessor(ProfilesContext context, UploadJobFaults faults) {
        this.context = context;
        this.faults = faults;
    }

    void finish(UploadJob job) {
        job.completedAt = context.now();
        String injected = faults.takeJobFailure(job.displayName);
        StagedRows outcome = new StagedRows(context);
        try {
            read(job, outcome, injected == null);
        } catch (CharacterCodingException e) {
            outcome.fileFailed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            job.dropFile();
        }
        if (injected != null) {
            job.fail(injected, 0, 0, outcome.rows);
            return;
        }
        if (outcome.fileFailed) {
            job.fail("VALIDATION_FAILURE", 0, 0, outcome.rows);
            return;
        }
        if (outcome.rows > 0 && outcome.failed == outcome.rows) {
            job.fail("VALIDATION_FAILURE", 0, 0, outcome.failed);
            return;
        }
        Domain domain = job.domain;
        if (context.settings.keepProfiles()) {
            domain.profiles.putAll(outcome.staged);
        } else {
            domain.keys.addAll(outcome.stagedKeys);
        }
        domain.uniqueKeyNames.add(job.uniqueKey);
        domain.objectCount += outcome.created + outcome.updated;
        domain.totalSize += job.fileBytes;
        domain.lastUpdatedAt = job.completedAt;
        job.created = outcome.created;
        job.updated = outcome.updated;
        job.failed = outcome.failed;
        job.status = outcome.failed == 0 ? "SUCCEEDED" : "PARTIALLY_SUCCEEDED";
    }

    /** @param apply whether rows are checked and staged (else only counted: the job fails anyway) */
    private void read(UploadJob job, StagedRows outcome, boolean apply) throws IOException {
        if (job.fileBytes > context.settings.maxFileBytes()) {
            outcome.fileFailed = true;
            return;
        }
        try (InputStream in = Files.newInputStream(job.file);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(
                                in,
                                StandardCharsets.UTF_8
                                        .newDecoder()
                                        .onMalformedInput(CodingErrorAction.REPORT)
                                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                        64 * 1024)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            UploadCsvReader csv = new UploadCsvReader(reader);
            UploadCsvReader.Row header = csv.next();
            if (header == null || header.malformed() || header.blank()) {
                outcome.fileFailed = true;
                return;
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.cells().size(); i++) {
                if (columns.put(header.cells().get(i).trim(), i) != null) {
                    outcome.fileFailed = true; // a column named twice: which one a field means is unclear
                }
            }
            int[] indexes = new int[job.mappings.size()];
            for (int i = 0; i < indexes.length; i++) {
                Integer index = columns.get(job.mappings.get(i).column());
                if (index == null) {
                    outcome.fileFailed = true;
                    indexes[i] = -1;
                } else {
                    indexes[i] = index;
                }
            }
            Integer keyIndex = uniqueKeyColumn(job, columns);
            if (keyIndex == null) {
                outcome.fileFailed = true;
            }
            boolean rowsCount = apply && !outcome.fileFailed;
            for (UploadCsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                if (row.blank()) {
                    continue;
                }
                outcome.rows++;
                if (rowsCount) {
                    outcome.apply(job, row, header.cells().size(), indexes, keyIndex);
                }
            }
        }
    }

    /**
     * {@code UniqueKey} names a key of {@code Fields} (then its source column is meant) or a column of the file;
     * see the doc page, "UniqueKey".
     */
    private static Integer uniqueKeyColumn(UploadJob job, Map<String, Integer> columns) {
        for (FieldMapping mapping : job.mappings) {
            if (mapping.fieldKey().equals(job.uniqueKey)) {
                return columns.get(mapping.column());
            }
        }
        return columns.get(job.uniqueKey);
    }
}
