/**
 * The S3 implementation of {@link io.pinpointimport.spi.ShardStore}.
 */
package io.pinpointimport.s3;
