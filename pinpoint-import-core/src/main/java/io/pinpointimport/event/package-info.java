/**
 * Hearing how a run goes: {@link io.pinpointimport.event.ImportListener} and the counts it receives,
 * {@link io.pinpointimport.event.ImportProgress}.
 */
@NullMarked
package io.pinpointimport.event;

import org.jspecify.annotations.NullMarked;
