package io.pinpointimport.emulator.profiles.internal;

import java.util.TreeMap;

/** One stored profile: its id, its {@code UniqueKey} value and its fields. */
final class Profile {
    final String id;
    final String key;
    /** Path below {@code _profile.} to value; {@code Attributes} excluded. */
    final TreeMap<String, String> values = new TreeMap<>();

    final TreeMap<String, String> attributes = new TreeMap<>();

    Profile(String id, String key) {
        this.id = id;
        this.key = key;
    }

    /** @return an independent copy, to stage changes on */
    Profile copy() {
        Profile copy = new Profile(id, key);
        copy.values.putAll(values);
        copy.attributes.putAll(attributes);
        return copy;
    }
}
