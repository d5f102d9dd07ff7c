/**
 * Implementation details of the S3 shard store. Nothing here is public API: it may change in any release without
 * notice.
 */
@NullMarked
package io.pinpointimport.s3.internal;

import org.jspecify.annotations.NullMarked;
