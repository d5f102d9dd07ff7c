/**
 * The Customer Profiles emulator's inside: the engine (domains, upload jobs, upload URLs, profiles), its HTTP
 * front with the pre-signed uploads, its own CSV reader and field rules, written independently of the library's
 * {@code connect} module on purpose, so that tests can catch its mistakes. No promises: names and behaviour may
 * change in any release, and no other module may use this package.
 */
@NullMarked
package io.pinpointimport.emulator.profiles.internal;

import org.jspecify.annotations.NullMarked;
