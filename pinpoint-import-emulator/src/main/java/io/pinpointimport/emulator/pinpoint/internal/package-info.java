/**
 * The Pinpoint emulator's inside: the engine ({@code EmulatorEngine}, handing each operation to the part that does
 * it: applications, import jobs, job processing and row import, endpoints, segments), its HTTP front, the planned
 * job faults, and a row decoder that turns CSV and NDJSON rows into the JSON shape of an endpoint with the
 * service's rules, written independently of the library's {@code format} and {@code validation} packages on
 * purpose, so that tests can catch their mistakes. No promises: names and behaviour may change in any release, and
 * no other module may use this package.
 */
@NullMarked
package io.pinpointimport.emulator.pinpoint.internal;

import org.jspecify.annotations.NullMarked;
