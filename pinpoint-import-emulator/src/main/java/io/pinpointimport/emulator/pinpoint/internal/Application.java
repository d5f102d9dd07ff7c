package io.pinpointimport.emulator.pinpoint.internal;

import java.util.LinkedHashMap;

/** One application (Pinpoint project) with its endpoints, import jobs and segments. */
final class Application {
    final String id;
    final String name;
    final String creationDate;
    /** Its endpoints when the emulator keeps them. */
    final EndpointStore store = new EndpointStore();
    /** What the lean mode knows of its endpoints instead. */
    final EndpointLedger ledger = new EndpointLedger();

    final LinkedHashMap<String, ImportJob> jobs = new LinkedHashMap<>();
    final LinkedHashMap<String, Segment> segments = new LinkedHashMap<>();

    Application(String id, String name, String creationDate) {
        this.id = id;
        this.name = name;
        this.creationDate = creationDate;
    }
}
