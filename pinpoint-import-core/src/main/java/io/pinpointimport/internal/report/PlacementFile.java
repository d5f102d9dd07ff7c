package io.pinpointimport.internal.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The placement file's layout, shared by its writer and its reader. Binary, append-only, one entry per input record
 * in input order (so the record index is the entry's position and is not stored):
 *
 * <pre>
 * header   MAGIC (8 bytes), runId (string)
 * SOURCE   the file the following records come from (string, or absent for records given in memory)
 * WRITTEN  line (varlong, 0 when unknown), endpoint id (string or absent): the record went to the shard being written
 * REJECTED line, endpoint id, rule count (varint), rule ids (strings): rejected locally
 * END      records placed (varlong): the input was wholly read; nothing follows
 * </pre>
 *
 * A string is a varint of its UTF-8 length plus one (0 for absent) and its bytes. A file cut short by a crash is
 * read up to its last whole entry. No promises: internal.
 */
public final class PlacementFile {
    /** A placement file's name ends with this; it lies beside the run's journal. */
    public static final String SUFFIX = ".placement";

    static final byte[] MAGIC = "PIPLACE1".getBytes(StandardCharsets.US_ASCII);
    static final int SOURCE = 1;
    static final int WRITTEN = 2;
    static final int REJECTED = 3;
    static final int END = 4;
    /** Longer endpoint ids are cut to this many characters: the service allows far less, so only junk is longer. */
    static final int MAX_ID_CHARS = 512;

    private PlacementFile() {}

    /**
     * @param directory the journal directory
     * @param runId the run's id
     * @return the run's placement file there
     */
    public static Path fileOf(Path directory, String runId) {
        return directory.resolve(runId + SUFFIX);
    }
}
