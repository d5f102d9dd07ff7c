/**
 * Encoders and decoders behind the public format and shard APIs. No promises: anything here may change in any
 * release. Other internal packages of this library (sharding, validation) use these classes directly.
 */
package io.pinpointimport.format.internal;
