package io.pinpointimport.emulator.pinpoint.internal;

import io.pinpointimport.emulator.pinpoint.ServedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The bounded, ordered record behind {@code PinpointEmulator.requests()}; the oldest entries go first. */
public final class RequestLog {

    private final int capacity;
    private final Deque<ServedRequest> entries = new ArrayDeque<>();

    /** @param capacity how many requests are kept */
    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    /** @param request a served request, appended (dropping the oldest when full) */
    public synchronized void add(ServedRequest request) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    /** @return the kept requests, oldest first */
    public synchronized List<ServedRequest> snapshot() {
        return List.copyOf(entries);
    }

    /** Forgets every kept request. */
    public synchronized void clear() {
        entries.clear();
    }
}
