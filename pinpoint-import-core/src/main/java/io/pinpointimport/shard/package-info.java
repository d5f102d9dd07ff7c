/**
 * Splitting encoded records into shards that each stay under the service's per-job byte limit:
 * {@link io.pinpointimport.shard.ShardWriter} writes them, {@link io.pinpointimport.shard.Shard} describes each
 * finished one (file, counts, checksums, record positions).
 */
@NullMarked
package io.pinpointimport.shard;

import org.jspecify.annotations.NullMarked;
