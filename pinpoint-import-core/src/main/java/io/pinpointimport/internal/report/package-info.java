/**
 * The run report's placement file: where each input record went as the run read it (rejected with its rule ids, or
 * written to a shard), written beside the run's journal and read back by {@code io.pinpointimport.report}. No
 * promises: internal.
 */
@NullMarked
package io.pinpointimport.internal.report;

import org.jspecify.annotations.NullMarked;
