package io.pinpointimport.emulator.profiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
 * The REST front of the Customer Profiles emulator on the JDK's HTTP server: routing, bodies, request ids, errors,
 * injected faults and delays, and the pre-signed upload URLs (answered as S3 would, XML errors included).
 * Signatures and content types are accepted without checks unless an access key id is required.
 */
final class ProfilesFront implements AutoCloseable {

    /** Request bodies of the API (not uploads) larger than this get 400: {@value} bytes. */
    static final int MAX_REQUEST_BYTES = 7 * 1024 * 1024;
    /** The error type of a path or method the service does not have (API Gateway's, not modelled). */
    static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private record Route(ProfilesOperation operation, String domain, String jobId, String uploadId) {
    }

    private final ProfilesEngine engine;
    private final ProfilesFaults faults;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final Path uploadDirectory;
    private final String requiredAccessKeyId;
    private final HttpServer server;
    private final ExecutorService executor;

    ProfilesFront(ProfilesEngine engine, ProfilesFaults faults, ObjectMapper mapper,
            ScheduledExecutorService scheduler, Path uploadDirectory, String requiredAccessKeyId, int port)
            throws IOException {
        this.engine = engine;
        this.faults = faults;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.uploadDirectory = uploadDirectory;
        this.requiredAccessKeyId = requiredAccessKeyId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "profiles-emulator-http-" + threads.incrementAndGet());
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
            Route route = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (route == null) {
                drain(exchange.getRequestBody());
                sendJson(exchange, requestId, 404, error("No operation answers "
                        + exchange.getRequestMethod() + " on this path"), UNKNOWN_OPERATION, Duration.ZERO);
                return;
            }
            if (route.operation() == ProfilesOperation.UPLOAD_FILE) {
                upload(exchange, requestId, route);
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
            if (body.length > MAX_REQUEST_BYTES) {
                drain(exchange.getRequestBody());
                sendError(exchange, requestId, ProfilesError.BAD_REQUEST, "The request body is larger than 7 MB",
                        Duration.ZERO);
                return;
            }
            if (requiredAccessKeyId != null && !signedBy(exchange, requiredAccessKeyId)) {
                sendJson(exchange, requestId, 403, error("The security token included in the request is invalid."),
                        "UnrecognizedClientException", Duration.ZERO);
                return;
            }
            Duration delay = faults.takeDelay(route.operation());
            ProfilesFaults.Injected injected = faults.takeError(route.operation());
            if (injected != null) {
                sendError(exchange, requestId, injected.error(), injected.message(), delay);
                return;
            }
            ProfilesEngine.Answer answer;
            try {
                answer = dispatch(route, body, query(exchange.getRequestURI().getRawQuery()));
            } catch (ProfilesServiceError e) {
                sendError(exchange, requestId, e.error(), e.getMessage(), delay);
                return;
            }
            if (route.operation() == ProfilesOperation.CREATE_UPLOAD_JOB) {
                ProfilesFaults.LostCreate lost = faults.takeLostCreate();
                if (lost != null) {
                    loseCreate(exchange, requestId, answer, lost, delay);
                    return;
                }
            }
            sendJson(exchange, requestId, answer.status(), mapper.writeValueAsBytes(answer.body()), null, delay);
        } catch (IOException | RuntimeException e) {
            // A bug in the emulator must still reach the client as a well-formed modelled error.
            try {
                sendError(exchange, requestId, ProfilesError.INTERNAL_SERVER,
                        "Emulator failure: " + e.getClass().getSimpleName(), Duration.ZERO);
            } catch (RuntimeException ignored) {
                exchange.close();
            }
        }
    }

    private void loseCreate(HttpExchange exchange, String requestId, ProfilesEngine.Answer answer,
            ProfilesFaults.LostCreate lost, Duration delay) throws JsonProcessingException {
        switch (lost.kind()) {
            case HOLD -> {
                byte[] bytes = mapper.writeValueAsBytes(answer.body());
                // no thread waits: the exchange stays open until the test releases or drops it
                faults.hold(new ProfilesFaults.HeldCreate(
                        () -> sendJson(exchange, requestId, answer.status(), bytes, null, Duration.ZERO),
                        exchange::close));
                lost.recorded().complete(answer.body().path("JobId").asText());
            }
            case DROP -> later(delay, exchange::close); // closing before any header drops the connection
            case ERROR -> sendError(exchange, requestId, lost.error().error(), lost.error().message(), delay);
        }
    }

    private ProfilesEngine.Answer dispatch(Route route, byte[] body, Map<String, String> query) {
        return switch (route.operation()) {
            case CREATE_DOMAIN -> engine.createDomain(route.domain(), json(body));
            case GET_DOMAIN -> engine.getDomain(route.domain());
            case CREATE_UPLOAD_JOB -> engine.createUploadJob(route.domain(), json(body));
            case GET_UPLOAD_JOB_PATH -> engine.getUploadJobPath(route.domain(), route.jobId(), endpoint());
            case START_UPLOAD_JOB -> engine.startUploadJob(route.domain(), route.jobId());
            case STOP_UPLOAD_JOB -> engine.stopUploadJob(route.domain(), route.jobId());
            case GET_UPLOAD_JOB -> engine.getUploadJob(route.domain(), route.jobId());
            case LIST_UPLOAD_JOBS -> engine.listUploadJobs(route.domain(), query.get("max-results"),
                    query.get("next-token"));
            case SEARCH_PROFILES -> engine.searchProfiles(route.domain(), query.get("max-results"),
                    query.get("next-token"), json(body));
            case UPLOAD_FILE -> throw new IllegalStateException("uploads are handled apart");
        };
    }

    // ---------------------------------------------------------------- the pre-signed upload

    private void upload(HttpExchange exchange, String requestId, Route route) throws IOException {
        Duration delay = faults.takeDelay(ProfilesOperation.UPLOAD_FILE);
        ProfilesFaults.Injected injected = faults.takeError(ProfilesOperation.UPLOAD_FILE);
        if (injected != null) {
            drain(exchange.getRequestBody());
            sendS3Error(exchange, requestId, injected.error().status(), s3Code(injected.error()), injected.message(),
                    delay);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String uploadId;
        try {
            uploadId = engine.checkUpload(route.domain(), route.jobId(), route.uploadId(),
                    query.get("X-Amz-Signature"),
                    header(exchange, "x-amz-server-side-encryption-customer-algorithm"),
                    header(exchange, "x-amz-server-side-encryption-customer-key"),
                    header(exchange, "x-amz-server-side-encryption-customer-key-MD5"));
        } catch (ProfilesEngine.UploadRefused e) {
            drain(exchange.getRequestBody());
            sendS3Error(exchange, requestId, e.status, e.code, e.getMessage(), delay);
            return;
        }
        Path file = Files.createTempFile(uploadDirectory, "upload-", ".csv");
        long bytes;
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
        try (InputStream in = new DigestInputStream(exchange.getRequestBody(), md5)) {
            bytes = Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            ProfilesEngine.deleteQuietly(file);
            throw e;
        }
        try {
            engine.attachFile(uploadId, file, bytes);
        } catch (ProfilesEngine.UploadRefused e) {
            sendS3Error(exchange, requestId, e.status, e.code, e.getMessage(), delay);
            return;
        }
        String etag = "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
        later(delay, () -> {
            try {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.getResponseHeaders().set("x-amz-request-id", requestId);
                exchange.getResponseHeaders().set("x-amz-server-side-encryption-customer-algorithm", "AES256");
                exchange.getResponseHeaders().set("x-amz-server-side-encryption-customer-key-MD5",
                        header(exchange, "x-amz-server-side-encryption-customer-key-MD5"));
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException e) {
                // the client went away
            } finally {
                exchange.close();
            }
        });
    }

    private static String s3Code(ProfilesError error) {
        return switch (error) {
            case THROTTLING -> "SlowDown";
            case INTERNAL_SERVER -> "InternalError";
            case ACCESS_DENIED -> "AccessDenied";
            case RESOURCE_NOT_FOUND -> "NoSuchKey";
            case BAD_REQUEST -> "InvalidRequest";
        };
    }

    private void sendS3Error(HttpExchange exchange, String requestId, int status, String code, String message,
            Duration delay) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xmlEscape(code)
                + "</Code><Message>" + xmlEscape(message) + "</Message><RequestId>" + requestId
                + "</RequestId><HostId>profiles-emulator</HostId></Error>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        later(delay, () -> {
            try {
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.getResponseHeaders().set("x-amz-request-id", requestId);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                exchange.close();
            }
        });
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---------------------------------------------------------------- routing and plumbing

    static Route route(String method, String rawPath) {
        List<String> parts = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                parts.add(percentDecode(part));
            }
        }
        int n = parts.size();
        if (n == 4 && parts.get(0).equals("upload") && method.equals("PUT")) {
            return new Route(ProfilesOperation.UPLOAD_FILE, parts.get(1), parts.get(2), parts.get(3));
        }
        if (n < 2 || !parts.get(0).equals("domains")) {
            return null;
        }
        String domain = parts.get(1);
        ProfilesOperation operation = null;
        String job = null;
        if (n == 2) {
            operation = switch (method) {
                case "POST" -> ProfilesOperation.CREATE_DOMAIN;
                case "GET" -> ProfilesOperation.GET_DOMAIN;
                default -> null;
            };
        } else if (n == 3 && parts.get(2).equals("upload-jobs")) {
            operation = switch (method) {
                case "POST" -> ProfilesOperation.CREATE_UPLOAD_JOB;
                case "GET" -> ProfilesOperation.LIST_UPLOAD_JOBS;
                default -> null;
            };
        } else if (n == 4 && parts.get(2).equals("upload-jobs")) {
            job = parts.get(3);
            operation = switch (method) {
                case "GET" -> ProfilesOperation.GET_UPLOAD_JOB;
                case "PUT" -> ProfilesOperation.START_UPLOAD_JOB;
                default -> null;
            };
        } else if (n == 5 && parts.get(2).equals("upload-jobs") && parts.get(4).equals("path")
                && method.equals("GET")) {
            job = parts.get(3);
            operation = ProfilesOperation.GET_UPLOAD_JOB_PATH;
        } else if (n == 5 && parts.get(2).equals("upload-jobs") && parts.get(4).equals("stop")
                && method.equals("PUT")) {
            job = parts.get(3);
            operation = ProfilesOperation.STOP_UPLOAD_JOB;
        } else if (n == 4 && parts.get(2).equals("profiles") && parts.get(3).equals("search")
                && method.equals("POST")) {
            operation = ProfilesOperation.SEARCH_PROFILES;
        }
        return operation == null ? null : new Route(operation, domain, job, null);
    }

    /** Whether the SigV4 {@code Authorization} header names this access key id (the signature is not checked). */
    private static boolean signedBy(HttpExchange exchange, String accessKeyId) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.contains("Credential=" + accessKeyId + "/");
    }

    private JsonNode json(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw ProfilesServiceError.badRequest("The request body is not valid JSON");
        }
    }

    private byte[] error(String message) throws JsonProcessingException {
        return mapper.writeValueAsBytes(Map.of("Message", message));
    }

    private void sendError(HttpExchange exchange, String requestId, ProfilesError error, String message,
            Duration delay) {
        byte[] body;
        try {
            body = error(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sendJson(exchange, requestId, error.status(), body, error.errorType(), delay);
    }

    private void sendJson(HttpExchange exchange, String requestId, int status, byte[] body, String errorType,
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

    private static String header(HttpExchange exchange, String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
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
}
