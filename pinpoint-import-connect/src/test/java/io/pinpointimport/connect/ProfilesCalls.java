package io.pinpointimport.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The SDK calls the target made, in the order their answers came (an interceptor on the test's client; the target
 * makes one attempt per call and retries on its own). A recorder, not a fake: the Customer Profiles emulator answers
 * every call. The upload {@code PUT}s are not SDK calls: the emulator checks them (SSE-C headers, the URL's validity)
 * and a job starts only with a file.
 */
final class ProfilesCalls {

    /**
     * One answered call.
     *
     * @param op {@code create}, {@code path}, {@code start}, {@code get}, {@code list} or {@code stop}
     * @param status the HTTP status answered; {@code 0} when no answer came
     * @param request the SDK request
     */
    record Call(String op, int status, @Nullable SdkRequest request) {}

    private final List<Call> calls = new ArrayList<>();

    /** @return the interceptor to add to the test's SDK client */
    ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                add(new Call(op(attributes), context.httpResponse().statusCode(), context.request()));
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                int status = context.exception() instanceof SdkServiceException e ? e.statusCode() : 0;
                add(new Call(op(attributes), status, context.request()));
            }
        };
    }

    private synchronized void add(Call call) {
        calls.add(call);
    }

    private static String op(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return switch (name) {
            case "CreateUploadJob" -> "create";
            case "GetUploadJobPath" -> "path";
            case "StartUploadJob" -> "start";
            case "GetUploadJob" -> "get";
            case "ListUploadJobs" -> "list";
            case "StopUploadJob" -> "stop";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    /** Forgets every call recorded so far. */
    synchronized void clear() {
        calls.clear();
    }

    /** @return the operation of every call so far, in order */
    synchronized List<String> ops() {
        return calls.stream().map(Call::op).toList();
    }

    /** @return the statuses of the calls of one operation, in order */
    synchronized List<Integer> statuses(String op) {
        return calls.stream().filter(c -> c.op().equals(op)).map(Call::status).toList();
    }

    /** @return how many calls of one operation were answered (or failed) */
    synchronized long count(String op) {
        return calls.stream().filter(c -> c.op().equals(op)).count();
    }

    /** @return the SDK requests of one type, in order */
    synchronized <T extends SdkRequest> List<T> requests(Class<T> type) {
        return calls.stream()
                .map(Call::request)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
