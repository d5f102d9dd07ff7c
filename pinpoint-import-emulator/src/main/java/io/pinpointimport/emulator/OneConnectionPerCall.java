package io.pinpointimport.emulator;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An SDK interceptor that sends every call on a connection of its own ({@code Connection: close}, which the
 * emulators answer in kind): add it to a client that makes one attempt per call and whose test counts the calls
 * or asserts on their answers.
 *
 * <p>Why: when a call ends in an error answer (a 5xx, for one), the SDK's Netty client closes the connection the
 * answer came on, from another thread and sometimes only after it has put that connection back in its pool, so that
 * the next call may take it and fail with "The connection was closed during the request" (logged as "Request
 * cancelled") before anything is sent. A client with retries makes a second attempt and never shows it. A client
 * that makes one attempt, such as {@link io.pinpointimport.emulator.pinpoint.PinpointEmulator#newAsyncClientWithoutRetries()}
 * or one that the library's Customer Profiles target drives (it turns the SDK's retries off and retries itself), sees
 * it under load about once in a thousand calls after an error, and a retrying caller makes one call more than the
 * test expects. Without pooled connections there is nothing to take.
 *
 * <pre>{@code
 * CustomerProfilesAsyncClient client = CustomerProfilesAsyncClient.builder()
 *         .endpointOverride(emulator.endpoint())
 *         .overrideConfiguration(c -> c.addExecutionInterceptor(OneConnectionPerCall.INSTANCE))
 *         ...
 *         .build();
 * }</pre>
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
