package io.pinpointimport.s3.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes every object under a run's prefix, listing page by page and deleting in batches of
 * {@value #DELETE_BATCH} (S3's most per {@code DeleteObjects}). No promises: internal.
 */
public final class RunObjects {
    /** Most keys per {@code DeleteObjects} request: {@value}. */
    public static final int DELETE_BATCH = 1000;

    private final S3AsyncClient s3;
    private final String bucket;
    private final String expectedBucketOwner;
    private final S3Errors errors;

    /**
     * @param s3 the store's client
     * @param bucket the store's bucket
     * @param expectedBucketOwner the account that must own the bucket, or {@code null}
     * @param errors the store's error mapping
     */
    public RunObjects(S3AsyncClient s3, String bucket, String expectedBucketOwner, S3Errors errors) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.expectedBucketOwner = expectedBucketOwner;
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * @param runPrefix the run's key prefix, ending in {@code /}
     * @return the number of objects deleted; exceptionally the store's exception for the first listing or deletion
     *     that failed (objects deleted before it stay deleted)
     */
    public CompletableFuture<Integer> deleteAll(String runPrefix) {
        return deletePage(runPrefix, null, 0);
    }

    private CompletableFuture<Integer> deletePage(String runPrefix, String continuationToken, int deletedSoFar) {
        return errors.call(
                        "ListObjectsV2",
                        runPrefix,
                        () -> s3.listObjectsV2(b -> b.bucket(bucket)
                                .prefix(runPrefix)
                                .continuationToken(continuationToken)
                                .expectedBucketOwner(expectedBucketOwner)))
                .thenCompose(page -> deleteKeys(runPrefix, page)
                        .thenCompose(n -> Boolean.TRUE.equals(page.isTruncated())
                                ? deletePage(runPrefix, page.nextContinuationToken(), deletedSoFar + n)
                                : CompletableFuture.completedFuture(deletedSoFar + n)));
    }

    private CompletableFuture<Integer> deleteKeys(String runPrefix, ListObjectsV2Response page) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (S3Object o : page.contents()) {
            ids.add(ObjectIdentifier.builder().key(o.key()).build());
        }
        CompletableFuture<Integer> all = CompletableFuture.completedFuture(0);
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            all = all.thenCompose(n -> errors.call(
                            "DeleteObjects",
                            runPrefix,
                            () -> s3.deleteObjects(b -> b.bucket(bucket)
                                    .expectedBucketOwner(expectedBucketOwner)
                                    .delete(d -> d.objects(batch).quiet(true))))
                    .thenApply(response -> n + checkDeleted(response, runPrefix, batch.size())));
        }
        return all;
    }

    private int checkDeleted(DeleteObjectsResponse response, String runPrefix, int batchSize) {
        if (response.hasErrors() && !response.errors().isEmpty()) {
            S3Error first = response.errors().get(0);
            throw errors.failure(
                    "DeleteObjects could not delete " + response.errors().size() + " of " + batchSize
                            + " objects, first " + first.key() + ": " + first.code() + " " + first.message(),
                    first.key() == null ? runPrefix : first.key(),
                    first.code(),
                    200,
                    null,
                    null);
        }
        return batchSize;
    }
}
