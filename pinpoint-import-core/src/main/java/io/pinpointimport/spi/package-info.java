/**
 * Documented extension points: where shards are stored ({@link io.pinpointimport.spi.ShardStore}) and, later, the
 * import target and the clock. Implementations outside this library may rely on these contracts.
 */
package io.pinpointimport.spi;
