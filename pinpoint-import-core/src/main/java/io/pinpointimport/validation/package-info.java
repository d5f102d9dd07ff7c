/**
 * Checking endpoint definitions against the service's rules before anything is sent. A broken rule is a
 * {@link io.pinpointimport.validation.Rejection}, never an exception.
 */
package io.pinpointimport.validation;
