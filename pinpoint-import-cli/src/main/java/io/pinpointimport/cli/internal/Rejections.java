package io.pinpointimport.cli.internal;

import io.pinpointimport.validation.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Counts a run's rejections, keeps the first few for the report and writes all of them to the {@code --rejects}
 * file when there is one. Thread-safe.
 */
public final class Rejections implements AutoCloseable {
    /** How many rejections a report shows: {@value}. */
    public static final int SHOWN = 10;

    private final RejectsFile file;
    private final List<Rejection> first = new ArrayList<>();
    private long records;
    private long rejections;

    /**
     * @param options where to write them, if anywhere
     */
    public Rejections(RejectionOptions options) {
        this(options, List.of(), null);
    }

    /**
     * @param options where to write them, if anywhere
     * @param inputs the command's input files, which the rejects file may not be
     * @param journalDir the command's journal directory, which the rejects file may not be in; {@code null} when
     *     none
     */
    public Rejections(RejectionOptions options, Collection<String> inputs, @Nullable Path journalDir) {
        this.file = options.rejectsFile == null
                ? null
                : RejectsFile.create(options.rejectsFile, inputs, journalDir, options.overwrite);
    }

    /**
     * Records one rejected record.
     *
     * @param forOneRecord every rejection of that record (at least one)
     */
    public synchronized void add(Collection<Rejection> forOneRecord) {
        if (forOneRecord.isEmpty()) {
            return;
        }
        records++;
        for (Rejection r : forOneRecord) {
            rejections++;
            if (first.size() < SHOWN) {
                first.add(r);
            }
            if (file != null) {
                file.write(r);
            }
        }
    }

    /** @return rejected records */
    public synchronized long records() {
        return records;
    }

    /** @return rejections (a record may break several rules) */
    public synchronized long rejections() {
        return rejections;
    }

    /** @return the first {@value #SHOWN} rejections */
    public synchronized List<Rejection> first() {
        return List.copyOf(first);
    }

    /** @return the rejects file's path as given, or {@code null} */
    public String fileName() {
        return file == null ? null : file.path().toString();
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
