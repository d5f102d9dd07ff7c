/**
 * WireMock helpers for teams that prefer stubs to the emulator: {@link io.pinpointimport.testkit.wiremock.PinpointStubs}
 * registers canned and sequenced CreateImportJob, GetImportJob and GetImportJobs answers on the service's wire format;
 * {@link io.pinpointimport.testkit.wiremock.ImportJobs} makes the jobs; {@link io.pinpointimport.testkit.wiremock.StubReply}
 * is one answer, job or modelled error.
 *
 * <p>WireMock is an optional dependency of the testkit: a project using these helpers adds
 * {@code org.wiremock:wiremock-standalone} to its own test dependencies.
 */
@NullMarked
package io.pinpointimport.testkit.wiremock;

import org.jspecify.annotations.NullMarked;
