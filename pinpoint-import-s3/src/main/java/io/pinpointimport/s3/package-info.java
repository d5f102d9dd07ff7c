/**
 * The S3 implementation of {@link io.pinpointimport.spi.ShardStore}.
 *
 * <p>Builders, factories, nullability and getters follow the conventions stated in {@link io.pinpointimport}:
 * {@code ofDefaults()}, rival setters make {@code build()} throw, absent values are {@code Optional}.
 */
@NullMarked
package io.pinpointimport.s3;

import org.jspecify.annotations.NullMarked;
