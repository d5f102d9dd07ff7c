package io.pinpointimport.emulator.profiles.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's own reader of uploaded CSV files (RFC 4180: comma separated, {@code "} quotes with {@code ""}
 * inside, line ends LF, CRLF or CR, quoted cells may span lines). Written for the emulator alone: it never shares
 * code with the library whose files it reads, so it can catch the library's mistakes.
 */
final class UploadCsvReader {

    /** One record: its cells, or {@code malformed} when its quotes do not close properly. */
    record Row(List<String> cells, boolean malformed) {
        boolean blank() {
            return !malformed && cells.size() == 1 && cells.get(0).isEmpty();
        }
    }

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private int pushedBack = -1;

    UploadCsvReader(Reader in) {
        this.in = in;
    }

    /** @return the next record, or {@code null} at the end of the file */
    @Nullable
    Row next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean malformed = false;
        boolean quoted = false; // inside quotes
        boolean wasQuoted = false; // this cell began with a quote
        boolean afterQuote = false; // a quote closed this cell
        while (true) {
            if (c < 0) {
                if (quoted) {
                    malformed = true;
                }
                cells.add(cell.toString());
                return new Row(cells, malformed);
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int next = read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        unread(next);
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                afterQuote = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    int next = read();
                    if (next != '\n') {
                        unread(next);
                    }
                }
                cells.add(cell.toString());
                return new Row(cells, malformed);
            } else if (ch == '"' && cell.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                if (afterQuote || ch == '"') {
                    malformed = true; // text after a closing quote, or a bare quote inside an unquoted cell
                }
                cell.append(ch);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack >= 0) {
            int c = pushedBack;
            pushedBack = -1;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        if (c >= 0) {
            pushedBack = c;
        }
    }
}
