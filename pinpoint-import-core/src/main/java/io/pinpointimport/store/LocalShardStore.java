package io.pinpointimport.store;

import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardAccess;
import io.pinpointimport.spi.ShardContent;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.ShardStoreException;
import io.pinpointimport.spi.StoredShard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ShardStore} on the local disk, for import targets that upload a shard's bytes themselves
 * ({@link ShardAccess#TARGET_SENDS_CONTENT}, for a service that gives an upload address per job): the shard stays
 * here, under {@code <directory>/<runId>/<shard>.<ext>}, until its run is deleted (the importer deletes it once every
 * job of the run has completed, also after a resubmit), so that a resumed run (another process) can still upload it
 * and a shard whose job ended {@code FAILED} can be resubmitted. It does not serve targets whose service reads a URL itself (Amazon Pinpoint needs S3).
 *
 * <p>Shards are linked (or copied, across file systems) into place under a temporary name and moved there, so a
 * shard is either wholly stored or absent; directories are owner-only ({@code rwx------}) and files
 * {@code rw-------} where the file system has POSIX permissions. Storing a shard whose identical content is already
 * there sends nothing ({@link StoredShard#uploaded()} {@code false}). The copy runs on {@link Builder#executor}, never
 * on the caller's thread.
 *
 * <pre>{@code
 * ShardStore store = LocalShardStore.builder().directory(Path.of("/var/lib/imports/shards")).build();
 * }</pre>
 */
public final class LocalShardStore implements ShardStore {
    private static final String PARTIAL_SUFFIX = ".partial";

    private final Path directory;
    private final Executor executor;

    private LocalShardStore(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory")
                .toAbsolutePath()
                .normalize();
        this.executor = b.executor != null ? b.executor : ForkJoinPool.commonPool();
    }

    /** @return a new builder; {@code directory} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return where shards are kept */
    public Path directory() {
        return directory;
    }

    @Override
    public boolean supports(ShardAccess access) {
        return access == ShardAccess.TARGET_SENDS_CONTENT;
    }

    @Override
    public CompletableFuture<StoredShard> store(String runId, Shard shard) {
        Objects.requireNonNull(shard, "shard");
        Path target = fileOf(runId, shard);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return storeNow(shard, target);
                    } catch (IOException | UncheckedIOException e) {
                        throw new ShardStoreException(
                                "Shard " + shard.number() + " could not be kept in " + target + ": " + e.getMessage()
                                        + " (is the disk full, or the directory not writable?)",
                                target.toUri().toString(),
                                null,
                                e);
                    }
                },
                executor);
    }

    private StoredShard storeNow(Shard shard, Path target) throws IOException {
        String url = target.toUri().toString();
        if (Files.isRegularFile(target)
                && Files.size(target) == shard.byteCount()
                && sha256Hex(target).equals(shard.sha256Hex())) {
            return StoredShard.of(shard, url, url, false);
        }
        createOwnerOnlyDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
        Files.deleteIfExists(partial);
        try {
            Files.createLink(partial, shard.file());
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(shard.file(), partial);
        }
        ownerOnly(partial, "rw-------");
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return StoredShard.of(shard, url, url, true);
    }

    /** Looks on the executor: the file is read whole for its SHA-256. */
    @Override
    public CompletableFuture<Boolean> holds(String jobUrl, String sha256Hex) {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        return CompletableFuture.supplyAsync(
                () -> {
                    Path file;
                    try {
                        file = Path.of(URI.create(jobUrl)).toAbsolutePath().normalize();
                    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                        return false;
                    }
                    try {
                        return file.startsWith(directory)
                                && Files.isRegularFile(file)
                                && sha256Hex(file).equals(sha256Hex);
                    } catch (IOException e) {
                        throw new ShardStoreException(
                                "The stored shard " + jobUrl + " cannot be read: " + e.getMessage(), jobUrl, null, e);
                    }
                },
                executor);
    }

    @Override
    public ShardContent content(String jobUrl) {
        Path file;
        try {
            file = Path.of(URI.create(jobUrl)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new ShardStoreException("Not a shard of " + describe() + ": " + jobUrl, jobUrl, null, e);
        }
        if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
            throw new ShardStoreException(
                    "The stored shard " + jobUrl + " is not in " + directory
                            + " (was it deleted?); the run cannot upload it again",
                    jobUrl,
                    null,
                    null);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ShardStoreException(
                    "The stored shard " + jobUrl + " cannot be read: " + e.getMessage(), jobUrl, null, e);
        }
        return new ShardContent() {
            @Override
            public long byteCount() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String toString() {
                return "LocalShard(" + file.getFileName() + ", " + size + " bytes)";
            }
        };
    }

    @Override
    public CompletableFuture<Void> deleteRun(String runId) {
        Path run = runDirectory(runId);
        return CompletableFuture.runAsync(
                () -> {
                    if (!Files.exists(run)) {
                        return;
                    }
                    try (Stream<Path> files = Files.walk(run)) {
                        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                            Files.deleteIfExists(p);
                        }
                    } catch (IOException e) {
                        throw new ShardStoreException(
                                "Could not delete the stored shards of run " + runId + " in " + run + ": "
                                        + e.getMessage(),
                                run.toUri().toString(),
                                null,
                                e);
                    }
                },
                executor);
    }

    @Override
    public String describe() {
        return "local:" + directory;
    }

    @Override
    public String toString() {
        return "LocalShardStore(" + directory + ")";
    }

    private Path runDirectory(String runId) {
        Objects.requireNonNull(runId, "runId");
        if (!runId.matches("[A-Za-z0-9._-]+") || runId.equals(".") || runId.equals("..")) {
            throw new IllegalArgumentException("runId must be letters, digits, '-', '_' or '.', was " + runId);
        }
        return directory.resolve(runId);
    }

    private Path fileOf(String runId, Shard shard) {
        return runDirectory(runId)
                .resolve(String.format(
                        Locale.ROOT, "%05d.%s", shard.number(), shard.format().extension()));
    }

    private void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createOwnerOnlyDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
            ownerOnly(dir, "rwx------");
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent store of the same run: fine
        }
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        }
    }

    private static String sha256Hex(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Builds a {@link LocalShardStore}. */
    public static final class Builder {
        private @Nullable Path directory;
        private @Nullable Executor executor;

        private Builder() {}

        /**
         * @param directory where shards are kept, one sub-directory per run; created owner-only when needed.
         *     Required. Keep it across processes when runs are resumed.
         * @return this builder
         */
        public Builder directory(@Nullable Path directory) {
            this.directory = directory;
            return this;
        }

        /**
         * @param executor where files are copied and deleted; default {@link ForkJoinPool#commonPool()}; never shut
         *     down by the store
         * @return this builder
         */
        public Builder executor(@Nullable Executor executor) {
            this.executor = executor;
            return this;
        }

        /** @return the store */
        public LocalShardStore build() {
            return new LocalShardStore(this);
        }
    }
}
