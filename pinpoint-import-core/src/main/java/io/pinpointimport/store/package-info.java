/**
 * Shard stores that ship with core: {@link io.pinpointimport.store.LocalShardStore} keeps shards on the local disk
 * for targets that upload the bytes themselves. The S3 store lives in {@code pinpoint-import-s3}.
 */
@NullMarked
package io.pinpointimport.store;

import org.jspecify.annotations.NullMarked;
