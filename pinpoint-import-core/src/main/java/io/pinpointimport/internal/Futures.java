package io.pinpointimport.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the library's futures. No promises: internal. */
public final class Futures {
    private Futures() {}

    /**
     * Strips the wrappers futures put around a failure, so that listeners, results and messages see the real cause.
     *
     * @param failure what a future completed with, or what {@code join()} / {@code get()} threw
     * @return the innermost cause below any {@link CompletionException} and {@link ExecutionException}
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
