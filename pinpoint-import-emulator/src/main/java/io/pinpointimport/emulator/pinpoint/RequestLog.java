package io.pinpointimport.emulator.pinpoint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The bounded, ordered record behind {@link PinpointEmulator#requests()}; the oldest entries go first. */
final class RequestLog {

    private final int capacity;
    private final Deque<ServedRequest> entries = new ArrayDeque<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ServedRequest request) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    synchronized List<ServedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
