package io.pinpointimport.cli.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.validation.Rejection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --rejects} file: one JSON object per line and rejection, with the record's position, the field, the
 * rule and the message. Never the record's values: the position leads back to them in the input.
 */
public final class RejectsFile implements AutoCloseable {
    private final Path path;
    private final OutputFile file;
    private final JsonGenerator json;
    private long written;

    private RejectsFile(Path path, OutputFile file, JsonGenerator json) {
        this.path = path;
        this.file = file;
        this.json = json;
    }

    /**
     * @param path the file, created new (see {@link OutputFile})
     * @param inputs the command's inputs, which it may not be
     * @param journalDir the command's journal directory, which it may not be in; {@code null} when none
     * @param replace whether an existing file may be replaced ({@code --overwrite})
     * @return the open file
     * @throws CliException (usage) when it cannot be created
     */
    public static RejectsFile create(Path path, Collection<String> inputs, @Nullable Path journalDir, boolean replace) {
        OutputFile file = OutputFile.open("--rejects", path, inputs, journalDir, replace);
        try {
            JsonGenerator g = new JsonFactory().createGenerator(file.stream(), JsonEncoding.UTF8);
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            return new RejectsFile(path, file, g);
        } catch (IOException e) {
            file.discard();
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot write the rejects file " + path + " ("
                            + e.getClass().getSimpleName() + "). Check the directory exists and is writable.",
                    e);
        }
    }

    /** @return where the file is */
    public Path path() {
        return path;
    }

    /** @return rejections written so far */
    public long written() {
        return written;
    }

    /**
     * @param r one rejection
     */
    public void write(Rejection r) {
        try {
            json.writeStartObject();
            json.writeNumberField("record", r.recordIndex());
            if (r.source().isPresent()) {
                json.writeStringField("source", r.source().get());
            }
            if (r.line().isPresent()) {
                json.writeNumberField("line", r.line().getAsLong());
            }
            if (r.column().isPresent()) {
                json.writeNumberField("column", r.column().getAsInt());
            }
            if (r.field().isPresent()) {
                json.writeStringField("field", r.field().get());
            }
            json.writeStringField("rule", r.rule().id());
            json.writeStringField("message", r.message());
            json.writeEndObject();
            written++;
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot write the rejects file " + path + " ("
                            + e.getClass().getSimpleName() + "). Is the disk full?",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            if (written > 0) {
                json.writeRaw('\n');
            }
            json.close();
            file.commit();
        } catch (IOException e) {
            file.discard();
            throw new CliException(
                    ExitCodes.USAGE,
                    "cannot finish the rejects file " + path + " ("
                            + e.getClass().getSimpleName() + ").",
                    e);
        }
    }
}
