package io.pinpointimport.emulator.profiles.internal;

import io.pinpointimport.emulator.Pace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the Customer Profiles emulator's builder set, as the engine reads it.
 *
 * @param pace how started jobs move to their final state
 * @param keepProfiles whether profiles are kept (else only their keys: the lean mode)
 * @param clock the clock of timestamps and of upload URLs' validity
 * @param uploadUrlValidity how long an upload URL stays valid
 * @param maxFileBytes the largest file a job reads before it fails
 * @param defaultPageSize not read by the engine (its list and search pages have their own defaults)
 * @param uploadDirectory where uploaded files are kept
 */
public record ProfilesSettings(
        Pace pace,
        boolean keepProfiles,
        Clock clock,
        Duration uploadUrlValidity,
        long maxFileBytes,
        int defaultPageSize,
        Path uploadDirectory) {}
