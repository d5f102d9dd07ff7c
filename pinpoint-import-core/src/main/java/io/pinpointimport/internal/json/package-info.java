/**
 * An endpoint as one compact JSON object, written exactly as the NDJSON shard writer writes it: the encoder, its
 * reusable buffer, the canonical field order and number text. Kept apart from {@code format} and {@code validation}
 * because both need it (the writer to write, the validator to measure the 15 KB rule with the writer's own bytes)
 * while {@code format} reports problems in {@code validation}'s terms. No promises: internal.
 */
@NullMarked
package io.pinpointimport.internal.json;

import org.jspecify.annotations.NullMarked;
