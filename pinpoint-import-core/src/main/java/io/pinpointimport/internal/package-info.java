/**
 * Implementation details. Nothing here is public API: it may change in any release without notice.
 */
@NullMarked
package io.pinpointimport.internal;

import org.jspecify.annotations.NullMarked;
