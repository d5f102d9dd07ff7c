package io.pinpointimport.emulator.pinpoint.internal;

import org.jspecify.annotations.Nullable;

/** What the checks of a row read of an application's state, in either mode ({@link RowImporter#checkRow}). */
interface RowState {
    /** @return whether an endpoint with this id (in lower case) exists */
    boolean hasEndpoint(String key);

    /** @return the user id of the existing endpoint with this id (in lower case), or {@code null} */
    @Nullable
    String userOf(String key);

    /** @return how many endpoints the user has */
    int userCount(String user);

    /** @return whether the application has this qualified custom attribute name */
    boolean hasName(String name);

    /** @return how many custom attribute names the application has */
    int nameCount();
}
