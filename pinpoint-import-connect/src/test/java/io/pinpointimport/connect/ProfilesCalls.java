package io.pinpointimport.connect;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * What the target asked of the service, in the order the answers came: each SDK call (an interceptor on the test's
 * client; the target makes one attempt per call and retries on its own) and each upload {@code PUT} (a wrapper of the
 * JDK client the target is given). A recorder, not a fake: the Customer Profiles emulator answers every call.
 */
final class ProfilesCalls {

    /**
     * One answered call.
     *
     * @param op {@code create}, {@code path}, {@code put}, {@code start}, {@code get}, {@code list} or {@code stop}
     * @param status the HTTP status answered; {@code 0} when no answer came
     * @param request the SDK request; {@code null} for a {@code put}
     * @param headers the headers a {@code put} sent; empty for SDK calls
     */
    record Call(
            String op,
            int status,
            @Nullable SdkRequest request,
            @Nullable SdkResponse response,
            HttpHeaders headers) {}

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final List<Call> calls = new ArrayList<>();

    /** @return the interceptor to add to the test's SDK client */
    ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                add(
                        op(attributes),
                        context.httpResponse().statusCode(),
                        context.request(),
                        context.response(),
                        NO_HEADERS);
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                int status = context.exception() instanceof SdkServiceException e ? e.statusCode() : 0;
                add(op(attributes), status, context.request(), null, NO_HEADERS);
            }
        };
    }

    /** @return a JDK client for the target's uploads that records each {@code PUT} and its status */
    HttpClient http() {
        HttpClient delegate = HttpClient.newHttpClient();
        return new HttpClient() {
            @Override
            public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                    HttpRequest request, HttpResponse.BodyHandler<T> handler) {
                return delegate.sendAsync(request, handler)
                        .whenComplete(
                                (r, t) -> add("put", r == null ? 0 : r.statusCode(), null, null, request.headers()));
            }

            @Override
            public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                    HttpRequest request,
                    HttpResponse.BodyHandler<T> handler,
                    HttpResponse.@Nullable PushPromiseHandler<T> push) {
                return sendAsync(request, handler);
            }

            @Override
            public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                    throws IOException, InterruptedException {
                throw new UnsupportedOperationException("the target sends asynchronously");
            }

            @Override
            public Optional<CookieHandler> cookieHandler() {
                return delegate.cookieHandler();
            }

            @Override
            public Optional<Duration> connectTimeout() {
                return delegate.connectTimeout();
            }

            @Override
            public Redirect followRedirects() {
                return delegate.followRedirects();
            }

            @Override
            public Optional<ProxySelector> proxy() {
                return delegate.proxy();
            }

            @Override
            public SSLContext sslContext() {
                return delegate.sslContext();
            }

            @Override
            public SSLParameters sslParameters() {
                return delegate.sslParameters();
            }

            @Override
            public Optional<Authenticator> authenticator() {
                return delegate.authenticator();
            }

            @Override
            public Version version() {
                return delegate.version();
            }

            @Override
            public Optional<Executor> executor() {
                return delegate.executor();
            }
        };
    }

    private synchronized void add(
            String op, int status, @Nullable SdkRequest request, @Nullable SdkResponse response, HttpHeaders headers) {
        calls.add(new Call(op, status, request, response, headers));
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

    /** @return every call so far, in order */
    synchronized List<Call> calls() {
        return List.copyOf(calls);
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

    /** @return the SDK requests of one operation, in order */
    synchronized <T extends SdkRequest> List<T> requests(Class<T> type) {
        return calls.stream()
                .map(Call::request)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** @return the SDK responses of one type, in order */
    synchronized <T extends SdkResponse> List<T> responses(Class<T> type) {
        return calls.stream()
                .map(Call::response)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** @return the headers of every {@code put}, in order */
    synchronized List<HttpHeaders> putHeaders() {
        return calls.stream()
                .filter(c -> c.op().equals("put"))
                .map(Call::headers)
                .toList();
    }
}
