package io.pinpointimport.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of an emulated AWS service on the JDK's built-in server, bound to the loopback address: a small
 * pool of daemon threads, a request id per request, bounded bodies, and AWS JSON answers that may be sent at once,
 * later, or never (the connection dropped), without a thread waiting. What a request means is the {@link Handler}'s
 * business, so each service emulator brings its own routing and error shapes and shares the plumbing.
 */
public final class HttpFront implements AutoCloseable {

    /** The JDK server's switch for TCP_NODELAY, read once when its first server is made. */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** The JDK server's idle time (seconds) before it closes a keep-alive connection, read once like the above. */
    public static final String IDLE_INTERVAL_PROPERTY = "sun.net.httpserver.idleInterval";
    /** Response header carrying the request id, as AWS services send it: {@value}. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /** Response header naming the error shape of an error answer, as AWS JSON protocols send it: {@value}. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /**
     * Most unread request-body bytes read and thrown away before an answer is sent: {@value}. The JDK server
     * drains only 64 KB by itself and otherwise closes the connection, which a client still sending its body
     * sees as "connection closed during the request" instead of the answer (a 413, an injected error).
     */
    public static final long DRAIN_LIMIT_BYTES = 64L << 20;
    /** The error type AWS answers (403) for a request signed with an unknown access key id: {@value}. */
    public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";

    private static final byte[] UNRECOGNIZED_CLIENT_BODY =
            "{\"Message\":\"The security token included in the request is invalid.\"}".getBytes(StandardCharsets.UTF_8);

    static {
        // Without TCP_NODELAY the JDK server writes headers and body in two packets and Nagle's algorithm meets the
        // client's delayed ACK: every sequential request took ~45 ms instead of ~2 ms. A value the user set wins.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        // The server's default of 30 s is shorter than the AWS SDK's 60 s connection idle time, so a client could
        // reuse a pooled connection the server had just closed: a client without retries then saw "connection
        // closed during the request". Outlasting the client's idle time leaves closing to the client.
        if (System.getProperty(IDLE_INTERVAL_PROPERTY) == null) {
            System.setProperty(IDLE_INTERVAL_PROPERTY, "120");
        }
    }

    /** What a service does with one request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Answers the request, at once or later, through {@link Exchange#sendJson}, {@link Exchange#send} or
         * {@link Exchange#drop}. An exception closes the connection unanswered, so a handler turns its own
         * failures into the service's error shape first.
         *
         * @param exchange the request and the means to answer it
         * @throws IOException if the request could not be read
         */
        void handle(Exchange exchange) throws IOException;
    }

    private final ScheduledExecutorService scheduler;
    private final Handler handler;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Starts serving at once.
     *
     * @param name names the server's threads, e.g. {@code pinpoint-emulator} gives {@code pinpoint-emulator-http-1}
     * @param port the loopback port; {@code 0} for a free one
     * @param scheduler runs delayed answers; owned by the caller
     * @param handler answers each request
     * @throws IOException if the port cannot be bound
     */
    public HttpFront(String name, int port, ScheduledExecutorService scheduler, Handler handler) throws IOException {
        Objects.requireNonNull(name, "name");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, name + "-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the base address, {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stops accepting, closes open connections and stops the server's threads (waits up to 5 s for them). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            handler.handle(new Exchange(exchange, UUID.randomUUID().toString(), scheduler));
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    /** One request, and the means to answer it once. */
    public static final class Exchange {
        private final HttpExchange exchange;
        private final String requestId;
        private final ScheduledExecutorService scheduler;

        private Exchange(HttpExchange exchange, String requestId, ScheduledExecutorService scheduler) {
            this.exchange = exchange;
            this.requestId = requestId;
            this.scheduler = scheduler;
        }

        /** @return the request id this answer will carry in {@value HttpFront#REQUEST_ID_HEADER}, a random UUID */
        public String requestId() {
            return requestId;
        }

        /** @return the HTTP method, e.g. {@code GET} */
        public String method() {
            return exchange.getRequestMethod();
        }

        /** @return the path as sent, still percent-encoded */
        public String rawPath() {
            return exchange.getRequestURI().getRawPath();
        }

        /** @return the path's non-empty segments, each percent-decoded as UTF-8 */
        public List<String> pathSegments() {
            List<String> parts = new ArrayList<>();
            for (String part : rawPath().split("/")) {
                if (!part.isEmpty()) {
                    parts.add(percentDecode(part));
                }
            }
            return parts;
        }

        /** @return the query parameters, form-decoded; the first value of a repeated name wins */
        public Map<String, String> query() {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, String> out = new HashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return out;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            }
            return out;
        }

        /**
         * @param name a request header name, any case
         * @return its first value, or {@code null}
         */
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        /**
         * Refuses the request as AWS does one signed with an unknown access key id (403
         * {@value HttpFront#UNRECOGNIZED_CLIENT}, not one of the services' modelled errors), unless its SigV4
         * {@code Authorization} header names the required access key id. The signature itself is not checked.
         *
         * @param requiredAccessKeyId the access key id requests must be signed with, or {@code null} for any
         * @return whether the request was refused (and answered)
         */
        public boolean refuseUnlessSignedBy(@Nullable String requiredAccessKeyId) {
            if (requiredAccessKeyId == null || signedBy(header("Authorization"), requiredAccessKeyId)) {
                return false;
            }
            sendJson(403, UNRECOGNIZED_CLIENT_BODY, UNRECOGNIZED_CLIENT, Duration.ZERO);
            return true;
        }

        /**
         * Reads the request body.
         *
         * @param maxBytes the most the service accepts
         * @return the body, empty if there is none; {@code null} if it is longer than {@code maxBytes}
         * @throws IOException if the body could not be read
         */
        public byte[] body(int maxBytes) throws IOException {
            byte[] body = exchange.getRequestBody().readNBytes(maxBytes + 1);
            return body.length > maxBytes ? null : body;
        }

        /**
         * Reads and throws away what is left of the request body, up to {@link #DRAIN_LIMIT_BYTES}, so that the
         * connection stays usable and the client reads the answer instead of a reset.
         */
        private void drainBody() {
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_LIMIT_BYTES;
            try {
                InputStream in = exchange.getRequestBody();
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return;
                    }
                    left -= n;
                }
            } catch (IOException e) {
                // the client went away; the answer will find out
            }
        }

        /**
         * The request body as a stream, for bodies too large to hold (uploads); read it to the end or not at all.
         *
         * @return the body stream
         */
        public InputStream bodyStream() {
            return exchange.getRequestBody();
        }

        /**
         * Answers with a JSON body, as AWS JSON protocols do: {@code Content-Type: application/json}, the request
         * id in {@value HttpFront#REQUEST_ID_HEADER}, and for an error its shape name in
         * {@value HttpFront#ERROR_TYPE_HEADER}.
         *
         * @param status the HTTP status
         * @param body the JSON bytes
         * @param errorType the error shape name, or {@code null} for a successful answer
         * @param delay how long to wait before answering (no thread waits); {@link Duration#ZERO} for at once
         */
        public void sendJson(int status, byte[] body, String errorType, Duration delay) {
            Map<String, String> headers = new HashMap<>();
            headers.put(REQUEST_ID_HEADER, requestId);
            if (errorType != null) {
                headers.put(ERROR_TYPE_HEADER, errorType);
            }
            send(status, "application/json", headers, body, delay);
        }

        /**
         * Answers and closes the exchange.
         *
         * @param status the HTTP status
         * @param contentType the {@code Content-Type}
         * @param headers further response headers
         * @param body the body bytes
         * @param delay how long to wait before answering (no thread waits); {@link Duration#ZERO} for at once
         */
        public void send(int status, String contentType, Map<String, String> headers, byte[] body, Duration delay) {
            Map<String, String> all = new HashMap<>(headers);
            if (asksToClose()) {
                // The JDK server closes such a connection after the answer but does not say so; a client that is
                // not told keeps the connection in its pool and may hand it to its next call as it closes.
                all.put("Connection", "close");
            }
            Map<String, String> copy = Collections.unmodifiableMap(all);
            drainBody();
            later(delay, () -> {
                try {
                    exchange.getResponseHeaders().set("Content-Type", contentType);
                    copy.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                    exchange.sendResponseHeaders(status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (IOException e) {
                    // the client went away; nothing left to tell it
                } finally {
                    exchange.close();
                }
            });
        }

        /**
         * @return whether the JDK server closes the connection after this answer because the request said
         *     {@code Connection: close} (it reads the header's first value, whole)
         */
        private boolean asksToClose() {
            return "close".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Connection"));
        }

        /**
         * Closes the connection without answering: the client sees it drop.
         *
         * @param delay how long to wait first (no thread waits)
         */
        public void drop(Duration delay) {
            later(delay, exchange::close); // closing before any header drops the connection
        }

        private void later(Duration delay, Runnable action) {
            if (delay.isZero()) {
                action.run();
            } else {
                scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * @param authorization a SigV4 {@code Authorization} header, or {@code null}
     * @param accessKeyId an access key id
     * @return whether the header names this access key id (the signature is not checked)
     */
    public static boolean signedBy(@Nullable String authorization, String accessKeyId) {
        return authorization != null && authorization.contains("Credential=" + accessKeyId + "/");
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 and leaves {@code '+'} alone (path rules, unlike form decoding); an
     * escape that is not two hex digits stays as it is.
     *
     * @param raw a percent-encoded path segment
     * @return the decoded text
     */
    public static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write(high * 16 + low);
                    i += 2;
                    continue;
                }
            }
            byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            bytes.write(encoded, 0, encoded.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
