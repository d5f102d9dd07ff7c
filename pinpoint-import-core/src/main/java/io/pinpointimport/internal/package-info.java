/**
 * Implementation details. Nothing here is public API: it may change in any release without notice.
 */
package io.pinpointimport.internal;
