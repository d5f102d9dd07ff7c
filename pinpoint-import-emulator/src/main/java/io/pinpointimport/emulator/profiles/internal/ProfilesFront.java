package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.emulator.internal.FaultQueue;
import io.pinpointimport.emulator.internal.HttpFront;
import io.pinpointimport.emulator.profiles.ProfilesError;
import io.pinpointimport.emulator.profiles.ProfilesOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The REST side of the Customer Profiles emulator over the shared {@link HttpFront}: routing, bodies, errors,
 * injected faults and delays, and the pre-signed upload URLs (answered as S3 would, XML errors included).
 * Signatures and content types are accepted without checks unless an access key id is required.
 */
public final class ProfilesFront implements AutoCloseable {

    /** Request bodies of the API (not uploads) larger than this get 400: {@value} bytes. */
    static final int MAX_REQUEST_BYTES = 7 * 1024 * 1024;
    /** The error type of a path or method the service does not have (API Gateway's, not modelled). */
    static final String UNKNOWN_OPERATION = "UnknownOperationException";

    record Route(ProfilesOperation operation, String domain, String jobId, String uploadId) {}

    private final ProfilesEngine engine;
    private final FaultQueue<ProfilesOperation, ProfilesError> faults;
    private final ObjectMapper mapper;
    private final Path uploadDirectory;
    private final @Nullable String requiredAccessKeyId;
    private final HttpFront front;

    /**
     * Starts serving at once.
     *
     * @param engine the service's state and operations
     * @param faults the faults planned per call
     * @param mapper reads and writes the JSON bodies
     * @param scheduler runs delayed answers; owned by the caller
     * @param uploadDirectory where uploaded files are kept
     * @param requiredAccessKeyId the access key id API calls must be signed with, or {@code null} for any
     * @param port the loopback port; {@code 0} for a free one
     * @throws IOException if the port cannot be bound
     */
    public ProfilesFront(
            ProfilesEngine engine,
            FaultQueue<ProfilesOperation, ProfilesError> faults,
            ObjectMapper mapper,
            ScheduledExecutorService scheduler,
            Path uploadDirectory,
            @Nullable String requiredAccessKeyId,
            int port)
            throws IOException {
        this.engine = engine;
        this.faults = faults;
        this.mapper = mapper;
        this.uploadDirectory = uploadDirectory;
        this.requiredAccessKeyId = requiredAccessKeyId;
        this.front = new HttpFront("profiles-emulator", port, scheduler, this::handle);
    }

    /** @return the base address, {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return front.endpoint();
    }

    /** Stops the HTTP server. */
    @Override
    public void close() {
        front.close();
    }

    private void handle(HttpFront.Exchange exchange) throws IOException {
        try {
            Route route = route(exchange.method(), exchange.pathSegments());
            if (route == null) {
                drain(exchange.bodyStream());
                exchange.sendJson(
                        404,
                        error("No operation answers " + exchange.method() + " on this path"),
                        UNKNOWN_OPERATION,
                        Duration.ZERO);
                return;
            }
            if (route.operation() == ProfilesOperation.UPLOAD_FILE) {
                upload(exchange, route);
                return;
            }
            byte[] body = exchange.body(MAX_REQUEST_BYTES);
            if (body == null) {
                drain(exchange.bodyStream());
                sendError(exchange, ProfilesError.BAD_REQUEST, "The request body is larger than 7 MB", Duration.ZERO);
                return;
            }
            if (exchange.refuseUnlessSignedBy(requiredAccessKeyId)) {
                return;
            }
            Duration delay = faults.takeDelay(route.operation());
            FaultQueue.Injected<ProfilesError> injected = faults.takeError(route.operation());
            if (injected != null && !injected.afterApplying()) {
                sendError(exchange, injected.error(), injected.message(), delay);
                return;
            }
            Answer answer;
            try {
                answer = dispatch(route, body, exchange.query());
            } catch (ProfilesServiceError e) {
                sendError(exchange, e.error(), e.getMessage(), delay);
                return;
            }
            if (injected != null) {
                // the call took effect; the caller gets the planned error instead of its answer
                sendError(exchange, injected.error(), injected.message(), delay);
                return;
            }
            byte[] bytes = mapper.writeValueAsBytes(answer.body());
            if (route.operation() == ProfilesOperation.CREATE_UPLOAD_JOB
                    && faults.answerLostCreate(
                            exchange,
                            answer.status(),
                            bytes,
                            answer.body().path("JobId").asText(),
                            delay,
                            (error, message, later) -> sendError(exchange, error, message, later))) {
                return;
            }
            exchange.sendJson(answer.status(), bytes, null, delay);
        } catch (IOException | RuntimeException e) {
            // A bug in the emulator must still reach the client as a well-formed modelled error.
            sendError(
                    exchange,
                    ProfilesError.INTERNAL_SERVER,
                    "Emulator failure: " + e.getClass().getSimpleName(),
                    Duration.ZERO);
        }
    }

    private Answer dispatch(Route route, byte[] body, Map<String, String> query) {
        return switch (route.operation()) {
            case CREATE_DOMAIN -> engine.createDomain(route.domain(), json(body));
            case GET_DOMAIN -> engine.getDomain(route.domain());
            case CREATE_UPLOAD_JOB -> engine.createUploadJob(route.domain(), json(body));
            case GET_UPLOAD_JOB_PATH -> engine.getUploadJobPath(route.domain(), route.jobId(), endpoint());
            case START_UPLOAD_JOB -> engine.startUploadJob(route.domain(), route.jobId());
            case STOP_UPLOAD_JOB -> engine.stopUploadJob(route.domain(), route.jobId());
            case GET_UPLOAD_JOB -> engine.getUploadJob(route.domain(), route.jobId());
            case LIST_UPLOAD_JOBS ->
                engine.listUploadJobs(route.domain(), query.get("max-results"), query.get("next-token"));
            case SEARCH_PROFILES ->
                engine.searchProfiles(route.domain(), query.get("max-results"), query.get("next-token"), json(body));
            case UPLOAD_FILE -> throw new IllegalStateException("uploads are handled apart");
        };
    }

    // ---------------------------------------------------------------- the pre-signed upload

    private void upload(HttpFront.Exchange exchange, Route route) throws IOException {
        Duration delay = faults.takeDelay(ProfilesOperation.UPLOAD_FILE);
        FaultQueue.Injected<ProfilesError> injected = faults.takeError(ProfilesOperation.UPLOAD_FILE);
        if (injected != null && !injected.afterApplying()) {
            drain(exchange.bodyStream());
            sendInjectedS3Error(exchange, injected, delay);
            return;
        }
        String uploadId;
        try {
            uploadId = engine.checkUpload(
                    route.domain(),
                    route.jobId(),
                    route.uploadId(),
                    exchange.query().get("X-Amz-Signature"),
                    exchange.header("x-amz-server-side-encryption-customer-algorithm"),
                    exchange.header("x-amz-server-side-encryption-customer-key"),
                    exchange.header("x-amz-server-side-encryption-customer-key-MD5"));
        } catch (UploadRefused e) {
            drain(exchange.bodyStream());
            sendS3Error(exchange, e.status, e.code, e.getMessage(), delay);
            return;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
        Path file = Files.createTempFile(uploadDirectory, "upload-", ".csv");
        long bytes;
        try (InputStream in = new DigestInputStream(exchange.bodyStream(), md5)) {
            bytes = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            UploadFiles.deleteQuietly(file);
            throw e;
        }
        try {
            engine.attachFile(uploadId, file, bytes);
        } catch (UploadRefused e) {
            sendS3Error(exchange, e.status, e.code, e.getMessage(), delay);
            return;
        }
        if (injected != null) {
            // the file is the job's; the caller gets the planned error instead of the answer
            sendInjectedS3Error(exchange, injected, delay);
            return;
        }
        exchange.send(
                200,
                "application/xml",
                Map.of(
                        "ETag",
                        "\"" + HexFormat.of().formatHex(md5.digest()) + "\"",
                        "x-amz-request-id",
                        exchange.requestId(),
                        "x-amz-server-side-encryption-customer-algorithm",
                        "AES256",
                        "x-amz-server-side-encryption-customer-key-MD5",
                        exchange.header("x-amz-server-side-encryption-customer-key-MD5")),
                new byte[0],
                delay);
    }

    private static void sendInjectedS3Error(
            HttpFront.Exchange exchange, FaultQueue.Injected<ProfilesError> injected, Duration delay) {
        // S3 throttles with 503 SlowDown, not 429
        int status = injected.error() == ProfilesError.THROTTLING
                ? 503
                : injected.error().status();
        sendS3Error(exchange, status, s3Code(injected.error()), injected.message(), delay);
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

    private static void sendS3Error(
            HttpFront.Exchange exchange, int status, String code, String message, Duration delay) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xmlEscape(code)
                + "</Code><Message>" + xmlEscape(message) + "</Message><RequestId>" + exchange.requestId()
                + "</RequestId><HostId>profiles-emulator</HostId></Error>";
        exchange.send(
                status,
                "application/xml",
                Map.of("x-amz-request-id", exchange.requestId()),
                xml.getBytes(StandardCharsets.UTF_8),
                delay);
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---------------------------------------------------------------- routing and plumbing

    static Route route(String method, List<String> parts) {
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
        } else if (n == 5
                && parts.get(2).equals("upload-jobs")
                && parts.get(4).equals("path")
                && method.equals("GET")) {
            job = parts.get(3);
            operation = ProfilesOperation.GET_UPLOAD_JOB_PATH;
        } else if (n == 5
                && parts.get(2).equals("upload-jobs")
                && parts.get(4).equals("stop")
                && method.equals("PUT")) {
            job = parts.get(3);
            operation = ProfilesOperation.STOP_UPLOAD_JOB;
        } else if (n == 4
                && parts.get(2).equals("profiles")
                && parts.get(3).equals("search")
                && method.equals("POST")) {
            operation = ProfilesOperation.SEARCH_PROFILES;
        }
        return operation == null ? null : new Route(operation, domain, job, null);
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

    private void sendError(HttpFront.Exchange exchange, ProfilesError error, String message, Duration delay) {
        byte[] body;
        try {
            body = error(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        exchange.sendJson(error.status(), body, error.errorType(), delay);
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
