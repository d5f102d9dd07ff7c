/**
 * Checking endpoint definitions against the service's rules before anything is sent. A broken rule is a
 * {@link io.pinpointimport.validation.Rejection}, never an exception.
 *
 * <p>{@link io.pinpointimport.validation.EndpointValidator} (immutable, thread-safe) checks one record;
 * {@link io.pinpointimport.validation.RunValidator} (one per run, from {@code EndpointValidator.newRun()}) adds the
 * limits that hold across a run. {@link io.pinpointimport.validation.ValidationLevel} says how strict to be where
 * the service is more lenient than its documentation; every rule has a stable id in
 * {@link io.pinpointimport.validation.Rule}.
 */
@NullMarked
package io.pinpointimport.validation;

import org.jspecify.annotations.NullMarked;
