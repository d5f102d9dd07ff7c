/**
 * Micrometer metrics for pinpoint-import: {@link io.pinpointimport.micrometer.MicrometerImportListener}.
 */
package io.pinpointimport.micrometer;
