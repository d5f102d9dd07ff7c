package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** An imported segment: made by a job with {@code DefineSegment}, grown by the jobs that name it. */
final class Segment {
    final String id;
    final String name;
    final String creationDate;
    String lastModifiedDate;
    int version = 1;
    long size;
    final Map<String, Integer> channelCounts = new TreeMap<>();
    final ObjectNode definition;

    Segment(String id, String name, String creationDate, ObjectNode definition) {
        this.id = id;
        this.name = name;
        this.creationDate = creationDate;
        this.lastModifiedDate = creationDate;
        this.definition = definition;
    }
}
