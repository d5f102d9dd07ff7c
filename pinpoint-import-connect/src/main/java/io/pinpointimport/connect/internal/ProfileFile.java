package io.pinpointimport.connect.internal;

import io.pinpointimport.ImportException;
import io.pinpointimport.connect.ProfileMapping;
import io.pinpointimport.connect.ProfileRow;
import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.ReadResult;
import io.pinpointimport.spi.ShardContent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A shard turned into a Customer Profiles upload file: CSV, UTF-8, a header of plain column names (no dots), one row
 * per endpoint. Built in two passes over the shard (the columns, then the rows) into a new owner-only temporary
 * file, so memory holds the column names only. The same shard and mapping always give the same file (sorted
 * columns), so a job created before a crash gets the header its {@code Fields} describe. No promises: internal.
 */
public final class ProfileFile {
    /** The column that holds the profile key; the upload job's {@code UniqueKey}. */
    public static final String KEY_COLUMN = "ProfileKey";
    /** The longest column name: a key of the upload job's {@code Fields} map is 1 to {@value} characters. */
    public static final int MAX_COLUMN_LENGTH = 64;

    private final Path file;
    private final long bytes;
    private final long rows;
    private final Map<String, String> columns;

    private ProfileFile(Path file, long bytes, long rows, Map<String, String> columns) {
        this.file = file;
        this.bytes = bytes;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Writes the upload file of a shard.
     *
     * @param content the shard's bytes
     * @param format the shard's format
     * @param mapping the mapping
     * @param directory where the temporary file goes
     * @return the file; the caller deletes it
     * @throws IOException when the shard cannot be read or the file written
     * @throws ImportException when a record of the shard does not map (it passed validation with another mapping)
     */
    public static ProfileFile write(ShardContent content, ImportFormat format, ProfileMapping mapping, Path directory)
            throws IOException {
        Set<String> paths = new TreeSet<>();
        long rows = 0;
        try (InputStream in = content.open();
                EndpointReader reader = EndpointReader.open(in, format, "shard")) {
            ReadResult r;
            while ((r = reader.next()) != null) {
                paths.addAll(mapOrFail(mapping, r).fields().keySet());
                rows++;
            }
        }
        Map<String, String> columns = columnNames(paths);
        Path file = Files.createTempFile(directory, "profiles-", ".csv");
        boolean done = false;
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            try (InputStream in = content.open();
                    EndpointReader reader = EndpointReader.open(in, format, "shard");
                    Writer w = new BufferedWriter(
                            new OutputStreamWriter(
                                    Files.newOutputStream(
                                            file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                                    StandardCharsets.UTF_8),
                            1 << 16)) {
                w.write(KEY_COLUMN);
                for (String column : columns.keySet()) {
                    w.write(',');
                    w.write(column);
                }
                w.write('\n');
                ReadResult r;
                while ((r = reader.next()) != null) {
                    ProfileRow row = mapOrFail(mapping, r);
                    cell(w, row.key().orElse(""));
                    for (String path : columns.values()) {
                        w.write(',');
                        cell(w, row.fields().getOrDefault(path, ""));
                    }
                    w.write('\n');
                }
            }
            done = true;
            return new ProfileFile(file, Files.size(file), rows, Collections.unmodifiableMap(columns));
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static ProfileRow mapOrFail(ProfileMapping mapping, ReadResult r) {
        if (r.isRejected()) {
            throw new ImportException("Record " + r.recordIndex() + " of the shard cannot be read back ("
                    + r.rejection().rule().id() + "); the shard is damaged");
        }
        try {
            return mapping.map(r.definition());
        } catch (ImportException e) {
            throw new ImportException(
                    "Record " + r.recordIndex() + " of the shard: " + e.getMessage()
                            + " (was the mapping changed since the run validated it?)",
                    e);
        }
    }

    // Plain column names for profile paths: letters, digits and '_' only, at most MAX_COLUMN_LENGTH characters (the
    // column is also the Fields key); a long name is cut and given its path's hash; a clash gets a suffix.
    static Map<String, String> columnNames(Set<String> sortedPaths) {
        Map<String, String> columns = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        taken.add(KEY_COLUMN);
        for (String path : sortedPaths) {
            String base = path.replaceAll("[^A-Za-z0-9_]", "_");
            if (base.length() > MAX_COLUMN_LENGTH - 6) {
                base = base.substring(0, MAX_COLUMN_LENGTH - 15) + "_"
                        + String.format(Locale.ROOT, "%08x", path.hashCode());
            }
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            columns.put(name, path);
        }
        return columns;
    }

    private static void cell(Writer w, String value) throws IOException {
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || (!value.isEmpty()
                        && (Character.isWhitespace(value.charAt(0))
                                || Character.isWhitespace(value.charAt(value.length() - 1))));
        if (!quote) {
            w.write(value);
            return;
        }
        w.write('"');
        w.write(value.replace("\"", "\"\""));
        w.write('"');
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return its length in bytes */
    public long bytes() {
        return bytes;
    }

    /** @return its data rows */
    public long rows() {
        return rows;
    }

    /** @return column name to profile path, in header order, the key column excluded */
    public Map<String, String> columns() {
        return columns;
    }

    /**
     * @param path a profile path
     * @return the content type the upload job declares for it
     */
    public static String contentType(String path) {
        return ProfileContent.contentType(path);
    }
}
