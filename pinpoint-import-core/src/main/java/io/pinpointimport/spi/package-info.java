/**
 * Documented extension points: where shards are stored ({@link io.pinpointimport.spi.ShardStore}) and which
 * service imports them ({@link io.pinpointimport.spi.ImportTarget}). Implementations outside this library may rely
 * on these contracts.
 */
@NullMarked
package io.pinpointimport.spi;

import org.jspecify.annotations.NullMarked;
