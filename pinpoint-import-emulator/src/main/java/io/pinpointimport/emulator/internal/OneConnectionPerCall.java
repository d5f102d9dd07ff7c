package io.pinpointimport.emulator.internal;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends every call of an SDK client on a connection of its own ({@code Connection: close}, which the emulators
 * answer in kind), for the emulators' clients without retries.
 *
 * <p>Why: when a call ends in an error answer, the SDK's Netty client closes the connection the answer came on,
 * from another thread and sometimes only after it has put that connection back in its pool, so that the next call
 * may take it and fail with "The connection was closed during the request" before anything is sent. A client with
 * retries makes a second attempt and never shows it; a client that makes exactly one attempt would, under load, about
 * once in a thousand calls after an error. Without pooled connections there is nothing to take.
 */
public final class OneConnectionPerCall implements ExecutionInterceptor {

    /** The one instance; it holds no state. */
    public static final OneConnectionPerCall INSTANCE = new OneConnectionPerCall();

    private OneConnectionPerCall() {}

    @Override
    public SdkHttpRequest modifyHttpRequest(
            Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        return context.httpRequest().toBuilder()
                .putHeader("Connection", "close")
                .build();
    }
}
