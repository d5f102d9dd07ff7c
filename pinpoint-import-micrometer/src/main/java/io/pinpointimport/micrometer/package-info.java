/**
 * Micrometer metrics for pinpoint-import: {@link io.pinpointimport.micrometer.MicrometerImportListener}.
 */
@NullMarked
package io.pinpointimport.micrometer;

import org.jspecify.annotations.NullMarked;
