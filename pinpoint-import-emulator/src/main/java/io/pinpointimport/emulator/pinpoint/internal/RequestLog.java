package io.pinpointimport.emulator.pinpoint.internal;

import io.pinpointimport.emulator.pinpoint.ServedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The bounded, ordered record behind {@code PinpointEmulator.requests()}; past its capacity the oldest entries go
 * first.
 */
public final class RequestLog {

    private final int capacity;
    private final Deque<ServedRequest> entries = new ArrayDeque<>();

    /** @param capacity the most entries kept */
    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    /** @param request a request, recorded before its answer is sent */
    public synchronized void add(ServedRequest request) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    /** @return the entries, oldest first */
    public synchronized List<ServedRequest> snapshot() {
        return List.copyOf(entries);
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }
}
