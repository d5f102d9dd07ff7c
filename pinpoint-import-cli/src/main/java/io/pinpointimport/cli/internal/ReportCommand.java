package io.pinpointimport.cli.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pinpointimport.ImportException;
import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.report.RecordFate;
import io.pinpointimport.report.RecordOutcome;
import io.pinpointimport.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report RUN_ID}: the fate of every record of a run kept with {@code --journal-dir}. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Show what became of the records of an import run started with --journal-dir: how many were rejected,"
                    + " imported, failed in the service, failed with their job or not submitted, and, with --record,"
                    + " --id, --outcome or --all, each such record: its position in the input, its endpoint Id, its"
                    + " outcome, the rules it broke or its shard, row and job, and the service's line naming its row.",
            "Exits with " + ExitCodes.OK + " once the report is read (whether or not a record matches); with "
                    + ExitCodes.USAGE + " when no journal directory is given, the run is not in it, it kept no report"
                    + " or the report cannot be read."
        })
public final class ReportCommand implements Callable<Integer> {
    /** The outcomes {@code --outcome failed} stands for: every record not known to be imported. */
    static final Set<RecordOutcome> FAILED = EnumSet.complementOf(EnumSet.of(RecordOutcome.IMPORTED));

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id, as 'import' or 'runs' printed it.")
    String runId;

    @Mixin
    JournalDirOption journal;

    @ArgGroup(exclusive = true)
    Filter filter;

    /** At most one way to pick records. */
    static final class Filter {
        @Option(
                names = "--record",
                paramLabel = "N",
                description = "The record at this 0-based position in the run's input (as in the rejects file).")
        Long record;

        @Option(names = "--id", paramLabel = "ID", description = "The records with this endpoint Id.")
        String id;

        @Option(
                names = "--outcome",
                paramLabel = "OUTCOME",
                description = "The records with this outcome: rejected, imported, failed-in-service, failed-with-job,"
                        + " not-submitted, row-not-identified, or failed (every record not known to be imported).")
        String outcome;

        @Option(names = "--all", description = "Every record.")
        boolean all;
    }

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public ReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path journalDir = journal.require();
        Predicate<RecordFate> pick = pick();
        RunReport report;
        try {
            report = RunReport.open(journalDir, runId);
        } catch (ImportException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        Map<RecordOutcome, Long> counts = new EnumMap<>(RecordOutcome.class);
        long shown;
        try (Stream<RecordFate> fates = report.fates()) {
            Iterator<RecordFate> it = fates.iterator();
            shown = json.json ? printJson(report, it, pick, counts) : printText(report, it, pick, counts);
        } catch (ImportException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (pick != null && shown == 0) {
            context.err().println("No record of run " + runId + " matches.");
        }
        return ExitCodes.OK;
    }

    private Predicate<RecordFate> pick() {
        if (filter == null) {
            return null;
        }
        if (filter.all) {
            return f -> true;
        }
        if (filter.record != null) {
            Checks.atLeast("--record", filter.record, 0);
            long n = filter.record;
            return f -> f.recordIndex() == n;
        }
        if (filter.id != null) {
            String id = filter.id;
            return f -> f.endpointId().filter(id::equals).isPresent();
        }
        Set<RecordOutcome> wanted = outcomes(filter.outcome);
        return f -> wanted.contains(f.outcome());
    }

    static Set<RecordOutcome> outcomes(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("FAILED")) {
            return FAILED;
        }
        try {
            return EnumSet.of(RecordOutcome.valueOf(name));
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "Invalid value for option '--outcome': " + Checks.quoted(text) + " is not one of failed, "
                            + Arrays.stream(RecordOutcome.values())
                                    .map(o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                    .collect(Collectors.joining(", "))
                            + ".");
        }
    }

    private long printText(
            RunReport report, Iterator<RecordFate> it, Predicate<RecordFate> pick, Map<RecordOutcome, Long> counts) {
        PrintStream out = context.out();
        long shown = 0;
        while (it.hasNext()) {
            RecordFate f = it.next();
            counts.merge(f.outcome(), 1L, Long::sum);
            if (pick != null && pick.test(f)) {
                out.println(f.describe());
                shown++;
            }
        }
        if (shown > 0) {
            out.println();
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.println("Run " + report.runId() + (report.runEnded() ? " ended" : " has not ended (outcomes so far)")
                + ": " + total + " records"
                + (report.recordsRead().isPresent() && report.recordsRead().getAsLong() != total
                        ? " of " + report.recordsRead().getAsLong() + " read"
                        : ""));
        for (RecordOutcome o : RecordOutcome.values()) {
            out.printf("  %-20s %,d%n", label(o), counts.getOrDefault(o, 0L));
        }
        out.flush();
        return shown;
    }

    private long printJson(
            RunReport report, Iterator<RecordFate> it, Predicate<RecordFate> pick, Map<RecordOutcome, Long> counts) {
        PrintStream out = context.out();
        long shown = 0;
        // streamed: a run's records may be many millions
        try (JsonGenerator g = new JsonFactory()
                .createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("runId", report.runId());
            g.writeBooleanField("runEnded", report.runEnded());
            if (report.recordsRead().isPresent()) {
                g.writeNumberField("recordsRead", report.recordsRead().getAsLong());
            }
            if (pick != null) {
                g.writeArrayFieldStart("records");
            }
            while (it.hasNext()) {
                RecordFate f = it.next();
                counts.merge(f.outcome(), 1L, Long::sum);
                if (pick != null && pick.test(f)) {
                    write(g, f);
                    shown++;
                }
            }
            if (pick != null) {
                g.writeEndArray();
            }
            g.writeObjectFieldStart("counts");
            long total = 0;
            for (RecordOutcome o : RecordOutcome.values()) {
                long n = counts.getOrDefault(o, 0L);
                total += n;
                g.writeNumberField(o.name(), n);
            }
            g.writeEndObject();
            g.writeNumberField("total", total);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
        return shown;
    }

    private static void write(JsonGenerator g, RecordFate f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("recordIndex", f.recordIndex());
        if (f.source().isPresent()) {
            g.writeStringField("source", f.source().get());
        }
        if (f.line().isPresent()) {
            g.writeNumberField("line", f.line().getAsLong());
        }
        if (f.endpointId().isPresent()) {
            g.writeStringField("id", f.endpointId().get());
        }
        g.writeStringField("outcome", f.outcome().name());
        if (!f.ruleIds().isEmpty()) {
            g.writeArrayFieldStart("rules");
            for (String r : f.ruleIds()) {
                g.writeString(r);
            }
            g.writeEndArray();
        }
        if (f.shard().isPresent()) {
            g.writeNumberField("shard", f.shard().getAsInt());
        }
        if (f.row().isPresent()) {
            g.writeNumberField("row", f.row().getAsLong());
        }
        if (f.jobId().isPresent()) {
            g.writeStringField("jobId", f.jobId().get());
        }
        if (f.serviceLine().isPresent()) {
            g.writeStringField("serviceLine", f.serviceLine().get());
        }
        if (f.detail().isPresent()) {
            g.writeStringField("detail", f.detail().get());
        }
        g.writeEndObject();
    }

    private static String label(RecordOutcome o) {
        return switch (o) {
            case REJECTED -> "rejected";
            case IMPORTED -> "imported";
            case FAILED_IN_SERVICE -> "failed in service";
            case FAILED_WITH_JOB -> "failed with job";
            case NOT_SUBMITTED -> "not submitted";
            case ROW_NOT_IDENTIFIED -> "row not identified";
        };
    }
}
