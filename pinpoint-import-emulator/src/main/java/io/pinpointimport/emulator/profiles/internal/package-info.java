/**
 * The Customer Profiles emulator's inside: the engine ({@code ProfilesEngine}, handing each operation to the part
 * that does it: domains, upload jobs and their lifecycle, upload URLs, the processing of a job's file into staged
 * profiles, profile search), its HTTP front with the pre-signed uploads, its own CSV reader and field rules, written
 * independently of the library's {@code connect} module on purpose, so that tests can catch its mistakes. No
 * promises: names and behaviour may change in any release, and no other module may use this package.
 */
@NullMarked
package io.pinpointimport.emulator.profiles.internal;

import org.jspecify.annotations.NullMarked;
