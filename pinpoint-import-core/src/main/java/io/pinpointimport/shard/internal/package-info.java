/**
 * The shard writer's machinery: per-format shard bodies and the checksumming file output. No promises: anything here
 * may change in any release.
 */
package io.pinpointimport.shard.internal;
