package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.connect.ProfileMapping;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.RunValidator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code validate}: the dry run. Reads, validates and shards like {@code import}, uploads nothing. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Dry run: read, validate and shard the files exactly as 'import' would, without uploading or"
                    + " importing anything. With --target customer-profiles the profile mapping's rules apply too.",
            "Prints the counts, the first rejections with their positions, and the shard plan."
        })
public final class ValidateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    InputOptions input;

    @Option(
            names = "--max-shard-size",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "Largest shard file, such as 100MB or 1GB (powers of 1000; KiB, MiB, GiB for 1024)."
                    + " Default: 950000000 bytes, under the service's 1 GB per import job.")
    long maxShardBytes = ShardWriter.DEFAULT_MAX_SHARD_BYTES;

    @Mixin
    TargetOptions target;

    @Mixin
    RejectionOptions rejectionOptions;

    @Mixin
    JsonOption json;

    /**
     * @param context the run's context
     */
    public ValidateCommand(CliContext context) {
        this.context = context;
    }

    /** Document printed with {@code --json}. */
    record Report(
            String target,
            String format,
            long maxShardBytes,
            long recordsRead,
            long recordsValid,
            long recordsRejected,
            long rejections,
            long maxRejections,
            boolean withinLimit,
            String rejectsFile,
            List<RejectionView> firstRejections,
            List<ShardView> shards) {}

    /**
     * A planned shard.
     *
     * @param number 0-based
     * @param records records in it
     * @param bytes its size
     * @param firstRecord run index of its first record
     * @param lastRecord run index of its last record
     * @param sha256 its checksum
     */
    record ShardView(int number, long records, long bytes, long firstRecord, long lastRecord, String sha256) {
        static ShardView of(Shard s) {
            return new ShardView(
                    s.number(),
                    s.recordCount(),
                    s.byteCount(),
                    s.firstRecordIndex(),
                    s.lastRecordIndex(),
                    s.sha256Hex());
        }
    }

    @Override
    public Integer call() {
        Inputs.check(input);
        target.check(false);
        rejectionOptions.check();
        Checks.maxShardSize("--max-shard-size", maxShardBytes);
        ImportFormat format = input.outputFormat();
        EndpointValidator.Builder rules = EndpointValidator.builder().level(input.level);
        if (target.profiles()) {
            // the Customer Profiles target's own rules (255-character values, a key per record, ...)
            rules.addCheck(ProfileMapping.ofDefaults().recordCheck());
        }
        List<Shard> plan = new ArrayList<>();
        long[] read = {0};
        ShardWriter[] writerRef = new ShardWriter[1];
        try (RunValidator validator = rules.build().newRun();
                Rejections rejections =
                        new Rejections(rejectionOptions, input.files, RunFiles.defaultJournalDirectory());
                Progress progress = Progress.open(context, "validate", "records");
                ShardWriter writer = ShardWriter.builder()
                        .format(format)
                        .maxShardBytes(maxShardBytes)
                        .onShard(s -> {
                            plan.add(s);
                            // A dry run keeps only the plan; the bytes are not needed once counted.
                            writerRef[0].release(s);
                        })
                        .build()) {
            writerRef[0] = writer;
            Inputs.forEach(context, input, item -> {
                read[0]++;
                List<Rejection> rejected;
                if (item.rejection() != null) {
                    rejected = List.of(item.rejection());
                } else {
                    rejected = validator.validate(item.index(), item.definition()).stream()
                            .map(item::locate)
                            .toList();
                    if (rejected.isEmpty()) {
                        rejected = writer.write(item.index(), item.definition()).map(item::locate).stream()
                                .toList();
                    }
                }
                rejections.add(rejected);
                progress.update(read[0], -1, plan.size() + " shards, " + rejections.records() + " rejected");
            });
            writer.finish();
            progress.update(read[0], read[0], plan.size() + " shards, " + rejections.records() + " rejected");
            progress.close();
            return report(format, read[0], rejections, plan);
        }
    }

    private int report(ImportFormat format, long read, Rejections rejections, List<Shard> plan) {
        boolean within = rejections.records() <= rejectionOptions.maxRejections;
        if (json.json) {
            Json.print(
                    context.out(),
                    new Report(
                            target.target.option(),
                            format.name(),
                            maxShardBytes,
                            read,
                            read - rejections.records(),
                            rejections.records(),
                            rejections.rejections(),
                            rejectionOptions.maxRejections,
                            within,
                            rejections.fileName(),
                            rejections.first().stream().map(RejectionView::of).toList(),
                            plan.stream().map(ShardView::of).toList()));
        } else {
            PrintStream out = context.out();
            if (target.profiles()) {
                out.println("Target: customer-profiles (Pinpoint's rules and the profile mapping's).");
            }
            out.printf(
                    "Read %d records from %d input%s: %d valid, %d rejected (%d rejection%s).%n",
                    read,
                    input.files.size(),
                    input.files.size() == 1 ? "" : "s",
                    read - rejections.records(),
                    rejections.records(),
                    rejections.rejections(),
                    rejections.rejections() == 1 ? "" : "s");
            printRejections(out, rejections);
            out.printf(
                    "%nShard plan: %d %s shard%s of at most %d bytes.%n",
                    plan.size(), format.name(), plan.size() == 1 ? "" : "s", maxShardBytes);
            if (!plan.isEmpty()) {
                Table t = Table.of("SHARD", "RECORDS", "BYTES", "FIRST RECORD", "LAST RECORD");
                plan.forEach(s ->
                        t.row(s.number(), s.recordCount(), s.byteCount(), s.firstRecordIndex(), s.lastRecordIndex()));
                t.print(out);
            }
            out.println();
            out.println("Dry run: nothing was uploaded or imported.");
            out.flush();
        }
        return limit(context, rejections, rejectionOptions);
    }

    static void printRejections(PrintStream out, Rejections rejections) {
        if (rejections.records() == 0) {
            return;
        }
        out.println();
        out.println(
                rejections.rejections() > Rejections.SHOWN
                        ? "First " + Rejections.SHOWN + " rejections:"
                        : "Rejections:");
        rejections.first().forEach(r -> out.println("  " + r.describe()));
        if (rejections.fileName() != null) {
            out.println("All rejections are in " + rejections.fileName() + ".");
        } else if (rejections.rejections() > Rejections.SHOWN) {
            out.println("Use --rejects FILE to get all of them.");
        }
    }

    static int limit(CliContext context, Rejections rejections, RejectionOptions options) {
        if (rejections.records() <= options.maxRejections) {
            return ExitCodes.OK;
        }
        context.err()
                .println(Errors.PREFIX + rejections.records() + " record"
                        + (rejections.records() == 1 ? " was" : "s were") + " rejected, more than --max-rejections "
                        + options.maxRejections
                        + " allows. Fix them"
                        + (rejections.fileName() != null
                                ? " (see " + rejections.fileName() + ")"
                                : " (--rejects FILE lists them all)")
                        + ", or raise --max-rejections to accept skipping them.");
        context.err().flush();
        return ExitCodes.REJECTIONS;
    }
}
