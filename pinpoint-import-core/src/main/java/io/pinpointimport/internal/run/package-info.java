/**
 * Carrying out one run: reading the input, validating, sharding, storing, and handing shards to jobs, with its
 * journal. Nothing here is public API: it may change in any release without notice.
 */
@NullMarked
package io.pinpointimport.internal.run;

import org.jspecify.annotations.NullMarked;
