package io.pinpointimport.cli.internal;

import io.pinpointimport.ImportException;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.report.RecordFate;
import io.pinpointimport.report.RecordOutcome;
import io.pinpointimport.report.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code failed RUN_ID --out FILE}: the records of a run that did not make it, copied from the input as they were, to
 * a new file ready to fix and import again.
 */
@Command(
        name = "failed",
        mixinStandardHelpOptions = true,
        description = {
            "Write the records of an import run started with --journal-dir that did not make it (rejected here, failed"
                    + " in the service, in a job that failed, not submitted) to a new file, as they are in the input:"
                    + " each record's line copied from the input file (read again, never written to), under the input's"
                    + " header for CSV; the same format as the input. Fix them, then import the file.",
            "The input files must be unchanged since the run. The run must have ended (resume it first otherwise).",
            "Exits with 0 when the file is written (also with no record in it), " + ExitCodes.USAGE
                    + " when the run or its report is not in the journal directory, the run has not ended, its input"
                    + " was not files, an input file changed or is gone, CSV input files have different headers, or"
                    + " --out cannot be written (an input, a file in the journal directory, a symbolic link, an existing file"
                    + " without --overwrite)."
        })
public final class FailedCommand implements Callable<Integer> {
    /** The outcomes written when {@code --outcome} is not given: every record known not to be imported. */
    static final Set<RecordOutcome> DEFAULT_OUTCOMES = EnumSet.of(
            RecordOutcome.REJECTED,
            RecordOutcome.FAILED_IN_SERVICE,
            RecordOutcome.FAILED_WITH_JOB,
            RecordOutcome.NOT_SUBMITTED);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id, as 'import' or 'runs' printed it.")
    String runId;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "The file to write: created new, readable by you only; never an input file.")
    Path out;

    @Option(
            names = "--outcome",
            paramLabel = "OUTCOME",
            split = ",",
            converter = OutcomeConverter.class,
            description = "Which records: any of rejected, failed-in-service, failed-with-job, not-submitted,"
                    + " row-not-identified (imported or not: the service did not say; re-importing one with an Id"
                    + " updates it), comma-separated or repeated. Default: all but row-not-identified.")
    List<RecordOutcome> outcomes;

    @Option(names = "--overwrite", description = "Replace --out if it exists (never an input file).")
    boolean overwrite;

    @Mixin
    JournalDirOption journal;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public FailedCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path journalDir = journal.require();
        if (runId.isBlank() || runId.contains("/") || runId.contains("\\") || runId.startsWith(".")) {
            throw new CliException(ExitCodes.USAGE, "RUN_ID " + Checks.quoted(runId) + " is not a run id.");
        }
        Set<RecordOutcome> wanted =
                outcomes == null || outcomes.isEmpty() ? DEFAULT_OUTCOMES : EnumSet.copyOf(outcomes);
        if (wanted.contains(RecordOutcome.IMPORTED)) {
            throw new CliException(
                    ExitCodes.USAGE, "--outcome imported: this command writes the records that did not make it.");
        }
        RunReport report;
        try {
            report = RunReport.open(journalDir, runId);
        } catch (ImportException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage() + ".", e);
        }
        if (!report.runEnded()) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "run " + runId + " has not ended (it was killed or stopped, or is going on): its records' fates"
                            + " are not final. Resume it first ('resume " + runId + "').");
        }
        List<Path> inputs = report.inputFiles();
        ImportFormat format = report.inputFormat().orElse(null);
        if (inputs.isEmpty() || format == null) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "run " + runId + " read records given in memory, not files: there is no input to copy them from.");
        }
        List<Path> changed = report.changedInputFiles();
        if (!changed.isEmpty()) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "the input file " + changed.get(0) + " changed or is gone since run " + runId
                            + " read it: its lines may no longer be the run's records. Restore it.");
        }
        checkExtension(format);
        // the journal directory holds this run's report, read while --out is written: never an output there
        OutputFile file = OutputFile.open(
                "--out", out, inputs.stream().map(Path::toString).toList(), journalDir, overwrite);
        Map<RecordOutcome, Long> written = new EnumMap<>(RecordOutcome.class);
        long[] unplaced = new long[1];
        try (Stream<RecordFate> fates = report.fates();
                Copier copier = new Copier(inputs, format == ImportFormat.CSV, file.stream())) {
            fates.filter(f -> wanted.contains(f.outcome())).forEach(f -> {
                if (f.source().isEmpty() || f.line().isEmpty()) {
                    unplaced[0]++;
                    return;
                }
                copier.copy(f.source().get(), f.line().getAsLong());
                written.merge(f.outcome(), 1L, Long::sum);
            });
            copier.finish();
        } catch (CliException e) {
            file.discard();
            throw e;
        } catch (IOException | UncheckedIOException | ImportException e) {
            file.discard();
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot write the records of run " + runId + " to " + out + ": " + e.getMessage() + ".",
                    e);
        } catch (RuntimeException e) {
            file.discard();
            throw e;
        }
        file.commit();
        long total = written.values().stream().mapToLong(Long::longValue).sum();
        if (json.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runId", runId);
            doc.put("file", out.toString());
            doc.put("format", format.name());
            doc.put("records", total);
            Map<String, Long> by = new LinkedHashMap<>();
            for (RecordOutcome o : wanted) {
                by.put(name(o), written.getOrDefault(o, 0L));
            }
            doc.put("byOutcome", by);
            doc.put("withoutPosition", unplaced[0]);
            Json.print(context.out(), doc);
        } else {
            StringBuilder sb = new StringBuilder();
            for (RecordOutcome o : wanted) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(name(o))
                        .append(' ')
                        .append(written.getOrDefault(o, 0L));
            }
            context.out()
                    .println("Wrote " + total + " record" + (total == 1 ? "" : "s") + " of run " + runId + " to " + out
                            + " (" + sb + ").");
            context.out().flush();
        }
        if (unplaced[0] > 0) {
            context.err()
                    .println(Errors.PREFIX + unplaced[0] + " record" + (unplaced[0] == 1 ? " has" : "s have")
                            + " no line in the input (the file could not be read past a point): not written.");
            context.err().flush();
        }
        return ExitCodes.OK;
    }

    // the file will be imported again: an extension that says the other format would be read as that format
    private void checkExtension(ImportFormat format) {
        String name =
                out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean saysCsv = name.endsWith(".csv");
        boolean saysJson = name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
        if (format == ImportFormat.CSV && saysJson || format == ImportFormat.JSON && saysCsv) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--out " + out + " names the other format: the run's input was "
                            + (format == ImportFormat.CSV ? "CSV: name it .csv" : "JSON: name it .json or .ndjson")
                            + ".");
        }
    }

    static String name(RecordOutcome o) {
        return o.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code failed-in-service} or {@code FAILED_IN_SERVICE}, any case. */
    static final class OutcomeConverter implements ITypeConverter<RecordOutcome> {
        @Override
        public RecordOutcome convert(String value) {
            String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return RecordOutcome.valueOf(key);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of "
                        + String.join(
                                ", ",
                                Arrays.stream(RecordOutcome.values())
                                        .filter(o -> o != RecordOutcome.IMPORTED)
                                        .map(FailedCommand::name)
                                        .toList()));
            }
        }
    }

    /**
     * Copies chosen lines of the input files, in input order, streaming each file once. Lines end as the reader's do
     * ({@code \n}, {@code \r\n} or a lone {@code \r}); each is written with {@code \n}. For CSV the output starts with
     * the header (the first non-empty line of the first file a record comes from), and every file a record comes from
     * must have the same header.
     */
    private static final class Copier implements AutoCloseable {
        private final List<Path> files;
        private final boolean csv;
        private final OutputStream out;
        private int fileAt = -1;
        private InputStream in;
        private long lineAt;
        private byte[] header;
        private Path headerFile;
        private boolean fileHeaderChecked;
        private byte[] line = new byte[8192];
        private int length;
        private boolean pendingLf;
        private final byte[] chunk = new byte[1 << 16];
        private int chunkAt;
        private int chunkEnd;

        Copier(List<Path> files, boolean csv, OutputStream out) {
            this.files = files;
            this.csv = csv;
            this.out = out;
        }

        void copy(String source, long wantedLine) {
            try {
                if (fileAt < 0 || !nameOf(files.get(fileAt)).equals(source) || wantedLine <= lineAt) {
                    // the next file of that name: records come in input order, one file after the other
                    open(source);
                }
                while (lineAt < wantedLine) {
                    if (!readLine()) {
                        throw new CliException(
                                ExitCodes.USAGE,
                                "the input file " + files.get(fileAt) + " has no line " + wantedLine
                                        + " any more: restore it as the run read it.");
                    }
                    if (csv && !fileHeaderChecked && length > 0) {
                        checkHeader();
                    }
                }
                out.write(line, 0, length);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void checkHeader() throws IOException {
            fileHeaderChecked = true;
            int from = lineAt == 1
                            && length >= 3
                            && (line[0] & 0xFF) == 0xEF
                            && (line[1] & 0xFF) == 0xBB
                            && (line[2] & 0xFF) == 0xBF
                    ? 3
                    : 0;
            byte[] h = Arrays.copyOfRange(line, from, length);
            if (header == null) {
                header = h;
                headerFile = files.get(fileAt);
                out.write(header);
                out.write('\n');
            } else if (!Arrays.equals(header, h)) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "the input files " + headerFile + " and " + files.get(fileAt) + " have different headers:"
                                + " their records cannot go under one header. Import such files in runs of their"
                                + " own.");
            }
        }

        private void open(String source) throws IOException {
            closeFile();
            int next = fileAt + 1;
            while (next < files.size() && !nameOf(files.get(next)).equals(source)) {
                next++;
            }
            if (next >= files.size()) {
                throw new CliException(
                        ExitCodes.USAGE, "the run's report names an input file " + source + " its journal does not.");
            }
            fileAt = next;
            in = Files.newInputStream(files.get(fileAt));
            chunkAt = 0;
            chunkEnd = 0;
            lineAt = 0;
            fileHeaderChecked = !csv;
            pendingLf = false;
        }

        private int read() throws IOException {
            if (chunkAt == chunkEnd) {
                int n = in.read(chunk, 0, chunk.length);
                while (n == 0) {
                    n = in.read(chunk, 0, chunk.length);
                }
                if (n < 0) {
                    return -1;
                }
                chunkAt = 0;
                chunkEnd = n;
            }
            return chunk[chunkAt++] & 0xFF;
        }

        // One line into `line`, without its end; false at the end of the file.
        private boolean readLine() throws IOException {
            length = 0;
            int b = read();
            if (pendingLf && b == '\n') {
                b = read();
            }
            pendingLf = false;
            if (b < 0) {
                return false;
            }
            while (b >= 0 && b != '\n' && b != '\r') {
                if (length == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = (byte) b;
                b = read();
            }
            pendingLf = b == '\r';
            lineAt++;
            return true;
        }

        void finish() throws IOException {
            if (csv && header == null && !files.isEmpty()) {
                // no record chosen: still a file that imports (to nothing), under the first file's header
                open(nameOf(files.get(0)));
                while (!fileHeaderChecked && readLine()) {
                    if (length > 0) {
                        checkHeader();
                    }
                }
            }
            out.flush();
        }

        private static String nameOf(Path p) {
            Path name = p.getFileName();
            return name == null ? p.toString() : name.toString();
        }

        private void closeFile() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
        }

        @Override
        public void close() throws IOException {
            closeFile();
        }
    }
}
