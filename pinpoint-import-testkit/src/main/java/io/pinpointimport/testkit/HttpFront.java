package io.pinpointimport.testkit;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The REST front of the emulator on the JDK's HTTP server: routing, bodies, request ids, errors, injected
 * faults and delays. Signatures and content types are accepted without checks, as the reference advises.
 */
final class HttpFront implements AutoCloseable {

    /** The API payload limit of the service (7 MB); larger request bodies get 413. */
    static final int MAX_PAYLOAD_BYTES = 7 * 1024 * 1024;

    private record Route(Operation operation, String appId, String id, String error, ModelledError errorType) {
        static Route of(Operation operation, String appId, String id) {
            return new Route(operation, appId, id, null, null);
        }

        static Route failed(ModelledError errorType, String error) {
            return new Route(null, null, null, error, errorType);
        }
    }

    private final EmulatorEngine engine;
    private final Faults faults;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final HttpServer server;
    private final ExecutorService executor;

    /** The JDK server's switch for TCP_NODELAY, read once when its first server is made. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** The JDK server's idle time (seconds) before it closes a keep-alive connection, read once like the above. */
    static final String IDLE_INTERVAL_PROPERTY = "sun.net.httpserver.idleInterval";

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

    HttpFront(EmulatorEngine engine, Faults faults, ObjectMapper mapper, ScheduledExecutorService scheduler, int port)
            throws IOException {
        this.engine = engine;
        this.faults = faults;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "pinpoint-emulator-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

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
        String requestId = UUID.randomUUID().toString();
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                sendError(exchange, requestId, ModelledError.PAYLOAD_TOO_LARGE,
                        "Request body is larger than the 7 MB API payload limit", Duration.ZERO);
                return;
            }
            Route route = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (route.error() != null) {
                sendError(exchange, requestId, route.errorType(), route.error(), Duration.ZERO);
                return;
            }
            Duration delay = faults.takeDelay(route.operation());
            Faults.Injected injected = faults.takeError(route.operation());
            if (injected != null) {
                sendError(exchange, requestId, injected.error(), injected.message(), delay);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            EmulatorEngine.Answer answer;
            try {
                answer = dispatch(route, body, query);
            } catch (ServiceError e) {
                sendError(exchange, requestId, e.error(), e.getMessage(), delay);
                return;
            }
            if (route.operation() == Operation.CREATE_IMPORT_JOB) {
                Faults.LostCreate lost = faults.takeLostCreate();
                if (lost != null && lost.kind() == Faults.LostResponse.HOLD) {
                    byte[] bytes = mapper.writeValueAsBytes(answer.body());
                    // no thread waits: the exchange stays open until the test releases or drops it
                    faults.hold(new Faults.HeldCreate(
                            () -> send(exchange, requestId, answer.status(), bytes, null, Duration.ZERO),
                            exchange::close));
                    lost.recorded().complete(answer.body().path("Id").asText());
                    return;
                }
                if (lost != null && lost.kind() == Faults.LostResponse.DROP) {
                    later(delay, exchange::close); // closing before any header drops the connection
                    return;
                }
                if (lost != null) {
                    sendError(exchange, requestId, lost.error().error(), lost.error().message(), delay);
                    return;
                }
            }
            send(exchange, requestId, answer.status(), mapper.writeValueAsBytes(answer.body()), null, delay);
        } catch (IOException | RuntimeException e) {
            // A bug in the emulator must still reach the client as a well-formed modelled error.
            try {
                sendError(exchange, requestId, ModelledError.INTERNAL_SERVER_ERROR,
                        "Emulator failure: " + e.getClass().getSimpleName(), Duration.ZERO);
            } catch (RuntimeException ignored) {
                exchange.close();
            }
        }
    }

    private EmulatorEngine.Answer dispatch(Route route, byte[] body, Map<String, String> query) {
        String pageSize = query.get("page-size");
        String token = query.get("token");
        return switch (route.operation()) {
            case CREATE_APP -> engine.createApp(json(body));
            case GET_APP -> engine.getApp(route.appId());
            case CREATE_IMPORT_JOB -> engine.createImportJob(route.appId(), json(body));
            case GET_IMPORT_JOB -> engine.getImportJob(route.appId(), route.id());
            case GET_IMPORT_JOBS -> engine.getImportJobs(route.appId(), pageSize, token);
            case GET_SEGMENT_IMPORT_JOBS -> engine.getSegmentImportJobs(route.appId(), route.id(), pageSize, token);
            case GET_SEGMENT -> engine.getSegment(route.appId(), route.id());
            case GET_ENDPOINT -> engine.getEndpoint(route.appId(), route.id());
            case DELETE_ENDPOINT -> engine.deleteEndpoint(route.appId(), route.id());
            case GET_USER_ENDPOINTS -> engine.getUserEndpoints(route.appId(), route.id());
        };
    }

    private JsonNode json(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ServiceError(ModelledError.BAD_REQUEST, "The request body is not valid JSON");
        } catch (IOException e) {
            throw new ServiceError(ModelledError.BAD_REQUEST, "The request body could not be read");
        }
    }

    static Route route(String method, String rawPath) {
        List<String> parts = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                parts.add(percentDecode(part));
            }
        }
        int n = parts.size();
        if (n < 2 || !parts.get(0).equals("v1") || !parts.get(1).equals("apps")) {
            return Route.failed(ModelledError.NOT_FOUND, "Resource not found");
        }
        String app = n > 2 ? parts.get(2) : null;
        Map<String, Operation> byMethod = new HashMap<>();
        String id = null;
        if (n == 2) {
            byMethod.put("POST", Operation.CREATE_APP);
        } else if (n == 3) {
            byMethod.put("GET", Operation.GET_APP);
        } else if (n == 5 && parts.get(3).equals("jobs") && parts.get(4).equals("import")) {
            byMethod.put("POST", Operation.CREATE_IMPORT_JOB);
            byMethod.put("GET", Operation.GET_IMPORT_JOBS);
        } else if (n == 6 && parts.get(3).equals("jobs") && parts.get(4).equals("import")) {
            byMethod.put("GET", Operation.GET_IMPORT_JOB);
            id = parts.get(5);
        } else if (n == 5 && parts.get(3).equals("segments")) {
            byMethod.put("GET", Operation.GET_SEGMENT);
            id = parts.get(4);
        } else if (n == 7 && parts.get(3).equals("segments") && parts.get(5).equals("jobs")
                && parts.get(6).equals("import")) {
            byMethod.put("GET", Operation.GET_SEGMENT_IMPORT_JOBS);
            id = parts.get(4);
        } else if (n == 5 && parts.get(3).equals("endpoints")) {
            byMethod.put("GET", Operation.GET_ENDPOINT);
            byMethod.put("DELETE", Operation.DELETE_ENDPOINT);
            id = parts.get(4);
        } else if (n == 5 && parts.get(3).equals("users")) {
            byMethod.put("GET", Operation.GET_USER_ENDPOINTS);
            id = parts.get(4);
        } else {
            return Route.failed(ModelledError.NOT_FOUND, "Resource not found");
        }
        Operation operation = byMethod.get(method);
        if (operation == null) {
            return Route.failed(ModelledError.METHOD_NOT_ALLOWED, "Method " + method
                    + " is not allowed on this resource");
        }
        return Route.of(operation, app, id);
    }

    /** Decodes %XX escapes as UTF-8 and leaves '+' alone (path rules, unlike form decoding). */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int high = hex(raw.charAt(i + 1));
                int low = hex(raw.charAt(i + 2));
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

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static Map<String, String> query(String rawQuery) {
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

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (body.length > MAX_PAYLOAD_BYTES) {
            return null;
        }
        return body;
    }

    private void sendError(HttpExchange exchange, String requestId, ModelledError error, String message,
            Duration delay) {
        Map<String, String> body = new HashMap<>();
        body.put("Message", message);
        body.put("RequestID", requestId);
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        send(exchange, requestId, error.status(), bytes, error.errorType(), delay);
    }

    private void send(HttpExchange exchange, String requestId, int status, byte[] body, String errorType,
            Duration delay) {
        later(delay, () -> {
            try {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                if (errorType != null) {
                    exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
                }
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

    private void later(Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
        } else {
            scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
