package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.internal.CsvTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a job does with its files, as the service would: the planned job faults, listing the files under the
 * {@code S3Url}, the per-job byte limit, reading every CSV or NDJSON row with the emulator's own decoders, importing
 * the rows that pass, and counting pieces, failures and the segment's growth.
 */
final class JobProcessor {

    static final Pattern S3_URL = Pattern.compile("s3://([^/]+)(/.*)?");

    private final EngineContext context;
    private final JobFaults faults;
    private final S3Client s3;
    private final RowDecoder decoder;
    private final RowImporter rows;
    private final Segments segments;

    JobProcessor(EngineContext context, JobFaults faults, S3Client s3, Segments segments) {
        this.context = context;
        this.faults = faults;
        this.s3 = s3;
        this.decoder = new RowDecoder(context.mapper);
        this.rows = new RowImporter(context);
        this.segments = segments;
    }

    JobOutcome process(ImportJob job) {
        JobOutcome outcome = new JobOutcome();
        ObjectNode definition = job.definition;
        String s3Url = definition.path("S3Url").textValue();
        String roleArn = definition.path("RoleArn").textValue();
        String format = definition.path("Format").textValue();

        List<String> injected = faults.takeJobFailure(s3Url);
        if (injected != null) {
            outcome.pieces = 1;
            outcome.failedPieces = 1;
            injected.forEach(outcome::failure);
            return outcome;
        }
        if (faults.isDenied(roleArn, s3Url)) {
            return outcome.fatal("Access denied: could not assume role " + roleArn + " to read " + s3Url);
        }
        Matcher url = S3_URL.matcher(s3Url);
        if (!url.matches()) {
            return outcome.fatal("Invalid S3Url " + s3Url);
        }
        String bucket = url.group(1);
        String key = url.group(2) == null ? "" : url.group(2).substring(1);

        List<S3Object> objects;
        try {
            objects = objectsFor(bucket, key, format);
        } catch (NoSuchBucketException e) {
            return outcome.fatal("Bucket not found: s3://" + bucket);
        } catch (S3Exception e) {
            return outcome.fatal(
                    "Could not list " + s3Url + ": " + e.awsErrorDetails().errorCode());
        }
        if (objects.isEmpty()) {
            return outcome.fatal("No " + format + " files found at " + s3Url);
        }
        long bytes = 0;
        for (S3Object object : objects) {
            bytes += object.size();
        }
        long maxBytes = context.settings.maxBytesPerJob();
        if (bytes > maxBytes) {
            return outcome.fatal("The files at " + s3Url + " hold " + bytes + " bytes, more than the " + maxBytes
                    + " bytes one import job may read");
        }

        if (faults.takeDeleteBeforeRead(s3Url)) {
            // listed a moment ago, gone by the time the job reads them
            for (S3Object object : objects) {
                s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        }
        boolean register = definition.path("RegisterEndpoints").asBoolean(false);
        boolean keep = context.settings.keepEndpoints();
        EndpointStore work = keep ? job.app.store.copy() : null;
        EndpointLedger.View lean = keep ? null : new EndpointLedger.View(job.app.ledger, register);
        Map<String, Integer> channelCounts = new TreeMap<>();
        int imported = 0;
        int rowsPerPiece = context.settings.rowsPerPiece();
        for (S3Object object : objects) {
            FileReading file =
                    new FileReading("s3://" + bucket + "/" + object.key(), work, lean, outcome, channelCounts);
            int fileRows = 0;
            try (ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(object.key()))) {
                long brokenAt = "CSV".equals(format) ? readCsv(in, file) : readJson(in, file);
                // a file that could not be read to its end adds no imported rows and one piece
                fileRows = file.rows;
                imported += file.imported;
                if (brokenAt > 0) {
                    outcome.failedPieces++;
                    outcome.addLine(file.where + " line " + brokenAt + ": not valid UTF-8; the rest of the file"
                            + " was not read");
                }
            } catch (IOException | S3Exception e) {
                outcome.failedPieces++;
                outcome.addLine(
                        file.where + ": could not be read (" + e.getClass().getSimpleName() + ")");
            }
            outcome.pieces += Math.max(1, (fileRows + rowsPerPiece - 1) / rowsPerPiece);
        }
        if (register && work != null) {
            job.app.store.replaceWith(work);
        }
        segments.grow(job, imported, channelCounts);
        return outcome;
    }

    private List<S3Object> objectsFor(String bucket, String key, String format) {
        if (!key.isEmpty() && !key.endsWith("/")) {
            // A single object named exactly is taken as it is; otherwise the key is a folder.
            List<S3Object> exact = new ArrayList<>();
            for (S3Object object :
                    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(key)).contents()) {
                if (object.key().equals(key)) {
                    exact.add(object);
                }
            }
            if (!exact.isEmpty()) {
                return exact;
            }
        }
        String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        String extension = "CSV".equals(format) ? ".csv" : ".json";
        List<S3Object> objects = new ArrayList<>();
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            if (object.key().toLowerCase(Locale.ROOT).endsWith(extension)) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** The rows of one file and what became of them. */
    private final class FileReading {
        final String where;
        final @Nullable EndpointStore work;
        final EndpointLedger.@Nullable View lean;
        final JobOutcome outcome;
        final Map<String, Integer> channelCounts;
        int rows;
        int imported;

        FileReading(
                String where,
                @Nullable EndpointStore work,
                EndpointLedger.@Nullable View lean,
                JobOutcome outcome,
                Map<String, Integer> channelCounts) {
            this.where = where;
            this.work = work;
            this.lean = lean;
            this.outcome = outcome;
            this.channelCounts = channelCounts;
        }

        /**
         * Counts one row: fails it with a decoding problem, or imports it.
         *
         * @param problem what decoding found wrong, or {@code null}
         * @param item the decoded row when there is no problem
         * @param sizeBound the item's size bound, computed only when it is imported
         */
        void row(long line, @Nullable String problem, @Nullable ObjectNode item, LongSupplier sizeBound) {
            rows++;
            outcome.processed++;
            if (problem == null) {
                problem = JobProcessor.this.rows.importRow(
                        work, lean, Objects.requireNonNull(item), sizeBound.getAsLong(), channelCounts);
            }
            if (problem != null) {
                outcome.failure(where + " line " + line + ": " + problem);
            } else {
                imported++;
            }
        }
    }

    private static Reader utf8(InputStream in) {
        return new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** @return the line where the file stopped being UTF-8, or 0 when it was read to the end */
    private long readCsv(InputStream in, FileReading file) throws IOException {
        CsvTokenizer tokenizer = new CsvTokenizer(new BufferedReader(utf8(in), 64 * 1024));
        long line = 1;
        try {
            CsvTokenizer.Record headerRecord = tokenizer.next();
            if (headerRecord == null) {
                return 0;
            }
            RowDecoder.CsvHeader header = decoder.header(headerRecord.cells());
            String headerProblem = headerRecord.problem() != null ? headerRecord.problem() : header.problem();
            for (CsvTokenizer.Record record = tokenizer.next(); record != null; record = tokenizer.next()) {
                line = record.line();
                String problem = headerProblem != null ? "header: " + headerProblem : record.problem();
                RowDecoder.Decoded decoded = problem == null ? decoder.csvRow(header, record.cells()) : null;
                if (decoded != null) {
                    problem = decoded.problem();
                }
                List<String> cells = record.cells();
                file.row(
                        record.line(),
                        problem,
                        decoded == null ? null : decoded.item(),
                        () -> RowDecoder.csvSizeBound(header, cells));
            }
        } catch (CharacterCodingException e) {
            return line + 1;
        }
        return 0;
    }

    /** @return the line where the file stopped being UTF-8, or 0 when it was read to the end */
    private long readJson(InputStream in, FileReading file) throws IOException {
        BufferedReader reader = new BufferedReader(utf8(in), 64 * 1024);
        long line = 0;
        try {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                RowDecoder.Decoded decoded = decoder.jsonLine(text);
                String json = text;
                file.row(line, decoded.problem(), decoded.item(), () -> RowDecoder.jsonSizeBound(json, decoded.item()));
            }
        } catch (CharacterCodingException e) {
            return line + 1;
        }
        return 0;
    }
}
