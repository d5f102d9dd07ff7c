/**
 * Plumbing the service emulators share: the HTTP front on the JDK's server (each service plugs in its own routing
 * as a {@link io.pinpointimport.emulator.internal.HttpFront.Handler}), the per-call fault queue behind each
 * emulator's fault controls, the job scheduler, the strict JSON mapper, and a CSV tokenizer written independently
 * of the library's {@code format} package on purpose, so that tests can catch its mistakes. No promises: names and
 * behaviour may change in any release, and no other module may use this package.
 */
@NullMarked
package io.pinpointimport.emulator.internal;

import org.jspecify.annotations.NullMarked;
