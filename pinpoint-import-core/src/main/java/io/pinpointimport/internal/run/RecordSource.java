package io.pinpointimport.internal.run;

import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.ReadResult;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The run's input, one record at a time, read on the run's worker thread. No promises: internal. */
public interface RecordSource extends Closeable {
    /**
     * One record read: a definition, or a rejection when it could not be read.
     *
     * @param definition the record, or null
     * @param rejection why it could not be read, or null
     * @param source the file the record came from, or null for records given in memory
     * @param line the record's 1-based line in that file, or 0
     */
    record Entry(EndpointDefinition definition, Rejection rejection, String source, long line) {
        Entry(EndpointDefinition definition, Rejection rejection) {
            this(definition, rejection, null, 0);
        }

        /**
         * Gives the rejections of this record its file and line, where they do not name one already: the rules
         * judge a definition, which does not know where it was read from.
         *
         * @param rejections the record's rejections
         * @return the same rejections, placed
         */
        public List<Rejection> place(List<Rejection> rejections) {
            if (source == null && line <= 0 || rejections.isEmpty()) {
                return rejections;
            }
            List<Rejection> placed = new ArrayList<>(rejections.size());
            for (Rejection r : rejections) {
                if (r.source().isPresent() || r.line().isPresent()) {
                    placed.add(r);
                } else {
                    Rejection.Builder b = r.toBuilder().source(source);
                    placed.add((line > 0 ? b.line(line) : b).build());
                }
            }
            return List.copyOf(placed);
        }
    }

    /** @return the next record, or null at the end */
    Entry next();

    @Override
    default void close() {}

    /**
     * @param it definitions; a null element becomes a rejection
     * @param onClose run when the source is closed (closing a stream), or null
     * @return a source over them
     */
    static RecordSource of(Iterator<? extends EndpointDefinition> it, Runnable onClose) {
        return new RecordSource() {
            @Override
            public Entry next() {
                if (!it.hasNext()) {
                    return null;
                }
                EndpointDefinition d = it.next();
                if (d == null) {
                    return new Entry(
                            null,
                            Rejection.builder()
                                    .rule(Rule.MALFORMED_INPUT)
                                    .message("the input held a null instead of an endpoint definition")
                                    .build());
                }
                return new Entry(d, null);
            }

            @Override
            public void close() {
                if (onClose != null) {
                    onClose.run();
                }
            }
        };
    }

    /**
     * @param files files read one after the other
     * @param format their format
     * @return a source over their records
     */
    static RecordSource ofFiles(List<Path> files, ImportFormat format) {
        return new RecordSource() {
            private int next;
            private EndpointReader reader;

            @Override
            public Entry next() {
                while (true) {
                    if (reader == null) {
                        if (next >= files.size()) {
                            return null;
                        }
                        reader = EndpointReader.open(files.get(next++), format);
                    }
                    ReadResult r = reader.next();
                    if (r != null) {
                        return r.isRejected()
                                ? new Entry(null, r.rejection(), reader.source().orElse(null), r.line())
                                : new Entry(
                                        r.definition(), null, reader.source().orElse(null), r.line());
                    }
                    reader.close();
                    reader = null;
                }
            }

            @Override
            public void close() {
                if (reader != null) {
                    reader.close();
                    reader = null;
                }
            }
        };
    }
}
