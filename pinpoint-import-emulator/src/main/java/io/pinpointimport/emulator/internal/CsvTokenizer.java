package io.pinpointimport.emulator.internal;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records, RFC 4180 style (quoted values, {@code ""} for a quote inside quotes), and notes the
 * things the import rules forbid instead of failing: a line break or tab inside a value, a quote in an unquoted
 * value, text after a closing quote, an unterminated quote. A record keeps its cells and its first problem, so
 * the caller can count it as one failed row and go on. Lines end with {@code \n}, {@code \r\n} or a lone
 * {@code \r} (old spreadsheet exports), in any mix: an assumption, the service documents only that values cannot
 * hold line breaks, and common CSV readers end a line at a lone CR; completely empty lines are skipped. A line
 * break inside a quoted value stays a problem of the record.
 */
public final class CsvTokenizer {

    /**
     * One record.
     *
     * @param line the 1-based line on which the record starts
     * @param cells the values, unquoted
     * @param problem the first rule the record breaks, or {@code null}
     */
    public record Record(long line, List<String> cells, String problem) {}

    private static final int EOF = -1;

    private final PushbackReader in;
    private long line = 1;

    /** @param in the text; the caller closes it */
    public CsvTokenizer(Reader in) {
        this.in = new PushbackReader(in, 2);
    }

    /**
     * @return the next record, or {@code null} at the end of the text
     * @throws IOException if reading fails (including malformed UTF-8 with a reporting decoder)
     */
    public Record next() throws IOException {
        int c = in.read();
        while (c == '\n' || c == '\r') {
            if (c == '\r' && peekIs('\n')) {
                in.read();
            }
            line++;
            c = in.read();
        }
        if (c == EOF) {
            return null;
        }
        in.unread(c);
        long start = line;
        List<String> cells = new ArrayList<>();
        String problem = null;
        StringBuilder value = new StringBuilder();
        while (true) {
            value.setLength(0);
            c = in.read();
            if (c == '"') {
                // quoted value
                boolean closed = false;
                while (true) {
                    c = in.read();
                    if (c == EOF) {
                        break;
                    }
                    if (c == '"') {
                        if (peekIs('"')) {
                            in.read();
                            value.append('"');
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        problem = first(problem, "line break inside a value");
                        if (c == '\n') {
                            line++;
                        }
                    } else if (c == '\t') {
                        problem = first(problem, "tab inside a value");
                    }
                    value.append((char) c);
                }
                if (!closed) {
                    problem = first(problem, "unterminated quoted value");
                    cells.add(value.toString());
                    return new Record(start, cells, problem);
                }
                c = in.read();
                if (c != ',' && c != '\n' && c != EOF && c != '\r') {
                    problem = first(problem, "text after a closing quote");
                    while (c != ',' && c != '\n' && c != EOF && c != '\r') {
                        c = in.read();
                    }
                }
            } else {
                while (c != ',' && c != '\n' && c != EOF && c != '\r') {
                    if (c == '"') {
                        problem = first(problem, "double quote in an unquoted value");
                    } else if (c == '\t') {
                        problem = first(problem, "tab inside a value");
                    }
                    value.append((char) c);
                    c = in.read();
                }
            }
            cells.add(value.toString());
            if (c == ',') {
                continue;
            }
            if (c == '\r' && peekIs('\n')) {
                in.read(); // the '\n' of "\r\n"
            }
            if (c != EOF) {
                line++;
            }
            return new Record(start, cells, problem);
        }
    }

    private boolean peekIs(int expected) throws IOException {
        int c = in.read();
        if (c != EOF) {
            in.unread(c);
        }
        return c == expected;
    }

    private static String first(String existing, String candidate) {
        return existing != null ? existing : candidate;
    }
}
