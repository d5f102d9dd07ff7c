/**
 * Running one job: creating it within the limit, watching it by its age, retrying calls, timing it out. Nothing here
 * is public API: it may change in any release without notice.
 */
@NullMarked
package io.pinpointimport.internal.job;

import org.jspecify.annotations.NullMarked;
