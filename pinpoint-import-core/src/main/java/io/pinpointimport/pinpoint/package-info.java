/**
 * Amazon Pinpoint as an import target: {@link io.pinpointimport.pinpoint.PinpointImportTarget} creates and
 * watches Pinpoint import jobs through the SDK's {@code PinpointAsyncClient}. It is one implementation of the
 * {@link io.pinpointimport.spi.ImportTarget} SPI; the job types it speaks ({@code io.pinpointimport.job}) are
 * shared by every target.
 */
@NullMarked
package io.pinpointimport.pinpoint;

import org.jspecify.annotations.NullMarked;
