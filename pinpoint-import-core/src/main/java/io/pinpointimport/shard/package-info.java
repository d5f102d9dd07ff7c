/**
 * Splitting encoded records into shards that each stay under the service's per-job byte limit.
 */
package io.pinpointimport.shard;
