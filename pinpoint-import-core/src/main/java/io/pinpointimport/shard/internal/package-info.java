/**
 * The shard writer's machinery: per-format shard bodies and the checksumming file output. No promises: anything here
 * may change in any release.
 */
@NullMarked
package io.pinpointimport.shard.internal;

import org.jspecify.annotations.NullMarked;
