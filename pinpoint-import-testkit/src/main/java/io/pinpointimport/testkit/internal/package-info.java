/**
 * Internals shared by the emulator and the WireMock helpers: the job JSON, and the emulator's own readers for
 * import files (a CSV tokenizer and a row decoder that turn CSV and NDJSON rows into the JSON shape of an endpoint,
 * with the service's rules), written independently of the library's {@code format} and {@code validation} packages
 * on purpose, so that tests can catch their mistakes. No promises: names and behaviour may change in any release.
 */
@NullMarked
package io.pinpointimport.testkit.internal;

import org.jspecify.annotations.NullMarked;
