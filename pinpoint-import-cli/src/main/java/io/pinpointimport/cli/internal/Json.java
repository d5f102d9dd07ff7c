package io.pinpointimport.cli.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** Writes the one JSON document a {@code --json} run prints on standard output. */
public final class Json {
    // ObjectWriter is immutable and thread-safe; the mapper behind it is never touched again.
    private static final ObjectWriter WRITER = new ObjectMapper()
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerWithDefaultPrettyPrinter();

    private Json() {}

    /**
     * Prints a document followed by a line end; records, maps and lists map to JSON as usual, absent values are
     * left out.
     *
     * @param out standard output
     * @param document the document
     */
    public static void print(PrintStream out, Object document) {
        try {
            WRITER.writeValue(out, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
