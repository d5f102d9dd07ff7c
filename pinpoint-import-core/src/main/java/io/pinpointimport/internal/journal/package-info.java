/**
 * The run journal: an append-only file of JSON lines in which a run records its settings, its input and each
 * shard's progress, so that a crashed run can be resumed. No promises: internal.
 */
@NullMarked
package io.pinpointimport.internal.journal;

import org.jspecify.annotations.NullMarked;
