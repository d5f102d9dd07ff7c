/**
 * A local Amazon Connect Customer Profiles service for upload jobs:
 * {@link io.pinpointimport.emulator.profiles.CustomerProfilesEmulator}, on the real rest-json wire protocol, with
 * pre-signed SSE-C upload URLs, its own CSV reading into a profile store, and
 * {@link io.pinpointimport.emulator.profiles.ProfilesFaults} to script errors, failed jobs, lost answers and expired
 * URLs. What it assumes where AWS documents nothing is written down in {@code docs/emulator-customer-profiles.md}.
 */
@NullMarked
package io.pinpointimport.emulator.profiles;

import org.jspecify.annotations.NullMarked;
