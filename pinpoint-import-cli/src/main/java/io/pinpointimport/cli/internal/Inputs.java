package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ReadResult;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the {@code FILE} arguments in order, as one run: record indexes continue from file to file, and every
 * rejection carries the run's index together with the file and line.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * One record of the run.
     *
     * @param index 0-based position in the run (all files)
     * @param source file name, or {@code stdin}
     * @param line 1-based line in the source
     * @param definition the record, or {@code null} when it could not be read
     * @param rejection why it could not be read, or {@code null}
     */
    public record Item(long index, String source, long line, EndpointDefinition definition, Rejection rejection) {
        /**
         * @param r a rejection about this record from a later stage (validator, shard writer)
         * @return the rejection with this record's run index, file and line
         */
        public Rejection locate(Rejection r) {
            Rejection.Builder b = r.toBuilder().recordIndex(index);
            if (r.source().isEmpty()) {
                b.source(source);
            }
            if (r.line().isEmpty()) {
                b.line(line);
            }
            return b.build();
        }
    }

    /**
     * Checks up front that every file can be read, so that a typo fails before any work is done.
     *
     * @param options the files
     * @throws CliException (usage) naming the first file that cannot be read
     */
    public static void check(InputOptions options) {
        long stdin = options.files.stream().filter(InputOptions.STDIN::equals).count();
        if (stdin > 1) {
            throw new CliException(ExitCodes.USAGE, "'-' (standard input) can be given only once.");
        }
        for (String f : options.files) {
            options.formatOf(f);
            if (!InputOptions.STDIN.equals(f)) {
                Path p = Path.of(f);
                if (!Files.isRegularFile(p)) {
                    throw new CliException(
                            ExitCodes.USAGE,
                            "cannot read " + f + ": " + (Files.exists(p) ? "not a regular file" : "no such file")
                                    + ". Check the path (use - for standard input).");
                }
                if (!Files.isReadable(p)) {
                    throw new CliException(ExitCodes.USAGE, "cannot read " + f + ": permission denied.");
                }
            }
        }
    }

    /**
     * Reads every file in order.
     *
     * @param context for standard input
     * @param options the files and formats
     * @param each receives every record, in input order, on the calling thread
     */
    public static void forEach(CliContext context, InputOptions options, Consumer<Item> each) {
        long offset = 0;
        List<String> files = options.files;
        for (String f : files) {
            boolean stdin = InputOptions.STDIN.equals(f);
            try (EndpointReader reader = stdin
                    ? EndpointReader.open(context.in(), options.formatOf(f), "stdin")
                    : EndpointReader.open(Path.of(f), options.formatOf(f))) {
                long last = -1;
                for (ReadResult r = reader.next(); r != null; r = reader.next()) {
                    long index = offset + r.recordIndex();
                    last = r.recordIndex();
                    Item item = new Item(
                            index,
                            reader.source().orElse(null),
                            r.line(),
                            r.isRejected() ? null : r.definition(),
                            null);
                    each.accept(
                            r.isRejected()
                                    ? new Item(index, item.source(), item.line(), null, item.locate(r.rejection()))
                                    : item);
                }
                offset += last + 1;
            }
        }
    }
}
