/**
 * Encoders and decoders behind the public format and shard APIs. No promises: anything here may change in any
 * release. Other internal packages of this library (sharding, validation) use these classes directly.
 */
@NullMarked
package io.pinpointimport.format.internal;

import org.jspecify.annotations.NullMarked;
