package io.pinpointimport.emulator.profiles.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The uploaded files the emulator keeps in its own temporary directory. */
public final class UploadFiles {

    private UploadFiles() {}

    /** @param file a file the emulator owns, deleted if it exists; a failure is ignored (the directory goes on close) */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file the emulator owns; the directory goes on close
        }
    }
}
