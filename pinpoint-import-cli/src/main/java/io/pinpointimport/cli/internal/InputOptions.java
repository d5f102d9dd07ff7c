package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.ValidationLevel;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input files, their format and how strictly they are validated. */
public final class InputOptions {
    /** What {@code FILE} is for standard input. */
    public static final String STDIN = "-";

    /** The files, {@code -} for standard input. */
    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "CSV or newline-delimited JSON import files (format from the extension: .csv, .json,"
                    + " .ndjson, .jsonl). '-' reads standard input (then --format is needed).")
    public List<String> files;

    /** The input format, or {@code null} to go by extension. */
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Format of the input, and of the shards: csv or json (newline-delimited). Default: from"
                    + " each file's extension; shards take the first file's format.")
    public ImportFormat format;

    /** The validation level. */
    @Option(
            names = "--validation-level",
            paramLabel = "LEVEL",
            description = "service (accept what Pinpoint accepts, the default) or strict (phone numbers with +,"
                    + " date-times with offsets, console-safe names).")
    public ValidationLevel level = EndpointValidator.DEFAULT_LEVEL;

    /** Public for picocli. */
    public InputOptions() {}

    /**
     * @param file a {@code FILE} argument
     * @return its format: {@code --format}, else by extension
     * @throws CliException when neither says
     */
    public ImportFormat formatOf(String file) {
        if (format != null) {
            return format;
        }
        if (STDIN.equals(file)) {
            throw new CliException(ExitCodes.USAGE, "reading standard input needs --format csv or --format json.");
        }
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return ImportFormat.CSV;
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return ImportFormat.JSON;
        }
        throw new CliException(
                ExitCodes.USAGE,
                "cannot tell the format of " + file + " from its extension: name it"
                        + " .csv, .json or .ndjson, or pass --format csv or --format json.");
    }

    /** @return the shards' format: {@code --format}, else the first file's */
    public ImportFormat outputFormat() {
        return formatOf(files.get(0));
    }
}
