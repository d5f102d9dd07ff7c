/**
 * The run validator's compact state: 128-bit fingerprints and open-addressing tables that move to memory-mapped
 * temporary files past a heap budget. Nothing here is public API: it may change in any release without notice.
 */
@NullMarked
package io.pinpointimport.internal.validation;

import org.jspecify.annotations.NullMarked;
