package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.emulator.internal.FaultQueue;
import io.pinpointimport.emulator.internal.HttpFront;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pinpoint's REST routes on an {@link HttpFront}: routing, bodies, errors, injected faults and delays. Signatures
 * and content types are accepted without checks, as the reference advises.
 */
public final class PinpointHttp implements HttpFront.Handler {

    /** The API payload limit of the service (7 MB); larger request bodies get 413. */
    public static final int MAX_PAYLOAD_BYTES = 7 * 1024 * 1024;

    record Route(Operation operation, String appId, String id, String error, ModelledError errorType) {
        static Route of(Operation operation, String appId, String id) {
            return new Route(operation, appId, id, null, null);
        }

        static Route failed(ModelledError errorType, String error) {
            return new Route(null, null, null, error, errorType);
        }
    }

    private final EmulatorEngine engine;
    private final FaultQueue<Operation, ModelledError> faults;
    private final ObjectMapper mapper;

    private final @Nullable String requiredAccessKeyId;
    private final RequestLog log;

    /**
     * @param engine the service's state and operations
     * @param faults the faults planned per call
     * @param mapper reads and writes the JSON bodies
     * @param requiredAccessKeyId the access key id calls must be signed with, or {@code null} for any
     * @param log where every served request is recorded
     */
    public PinpointHttp(
            EmulatorEngine engine,
            FaultQueue<Operation, ModelledError> faults,
            ObjectMapper mapper,
            @Nullable String requiredAccessKeyId,
            RequestLog log) {
        this.requiredAccessKeyId = requiredAccessKeyId;
        this.log = log;
        this.engine = engine;
        this.faults = faults;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpFront.Exchange exchange) {
        long received = System.nanoTime();
        Route route = null;
        byte[] body = null;
        try {
            body = exchange.body(MAX_PAYLOAD_BYTES);
            if (body == null) {
                sendError(
                        exchange,
                        ModelledError.PAYLOAD_TOO_LARGE,
                        "Request body is larger than the 7 MB API payload limit",
                        Duration.ZERO);
                return;
            }
            route = route(exchange.method(), exchange.pathSegments());
            if (route.error() != null) {
                sendError(exchange, route.errorType(), route.error(), Duration.ZERO);
                return;
            }
            if (requiredAccessKeyId != null
                    && !HttpFront.signedBy(exchange.header("Authorization"), requiredAccessKeyId)) {
                record(route, body, 403, null, received);
            }
            if (exchange.refuseUnlessSignedBy(requiredAccessKeyId)) {
                return;
            }
            Duration delay = faults.takeDelay(route.operation());
            FaultQueue.Injected<ModelledError> injected = faults.takeError(route.operation());
            if (injected != null) {
                record(route, body, injected.error().status(), null, received);
                sendError(exchange, injected.error(), injected.message(), delay);
                return;
            }
            Answer answer;
            try {
                answer = dispatch(route, body, exchange.query());
            } catch (ServiceError e) {
                record(route, body, e.error().status(), null, received);
                sendError(exchange, e.error(), e.getMessage(), delay);
                return;
            }
            byte[] bytes = mapper.writeValueAsBytes(answer.body());
            JsonNode answered = answer.body();
            Route served = route;
            byte[] request = body;
            if (route.operation() == Operation.CREATE_IMPORT_JOB
                    && faults.answerLostCreate(
                            exchange,
                            answer.status(),
                            bytes,
                            answered.path("Id").asText(),
                            delay,
                            (error, message, later) -> {
                                recordLost(served, request, error.status(), answered, received);
                                sendError(exchange, error, message, later);
                            },
                            kind -> {
                                if (kind == FaultQueue.LostKind.HOLD) {
                                    record(served, request, answer.status(), answered, received);
                                } else if (kind == FaultQueue.LostKind.DROP) {
                                    recordLost(served, request, 0, answered, received);
                                }
                            })) {
                return;
            }
            record(route, body, answer.status(), answered, received);
            exchange.sendJson(answer.status(), bytes, null, delay);
        } catch (IOException | RuntimeException e) {
            // A bug in the emulator must still reach the client as a well-formed modelled error.
            try {
                sendError(
                        exchange,
                        ModelledError.INTERNAL_SERVER_ERROR,
                        "Emulator failure: " + e.getClass().getSimpleName(),
                        Duration.ZERO);
            } catch (RuntimeException ignored) {
                exchange.drop(Duration.ZERO);
            }
        }
    }

    /** Records a routed request and its answer (before the answer is sent, so a client never outruns the log). */
    private void record(Route route, byte[] body, int status, @Nullable JsonNode answer, long received) {
        String jobId = null;
        String s3Url = null;
        String jobStatus = null;
        if (route.operation() == Operation.CREATE_IMPORT_JOB) {
            s3Url = requestS3Url(body);
        } else if (route.operation() == Operation.GET_IMPORT_JOB) {
            jobId = route.id();
        }
        if (answer != null
                && (route.operation() == Operation.CREATE_IMPORT_JOB
                        || route.operation() == Operation.GET_IMPORT_JOB)) {
            jobId = answer.path("Id").textValue();
            s3Url = answer.path("Definition").path("S3Url").textValue();
            jobStatus = answer.path("JobStatus").textValue();
        }
        log.add(new ServedRequest(
                route.operation(),
                jobId,
                s3Url,
                status,
                jobStatus,
                new String(body, StandardCharsets.UTF_8),
                received));
    }

    /** Records a create whose job exists but whose answer is lost: the job's id, no status. */
    private void recordLost(Route route, byte[] body, int status, JsonNode answer, long received) {
        log.add(new ServedRequest(
                route.operation(),
                answer.path("Id").textValue(),
                requestS3Url(body),
                status,
                null,
                new String(body, StandardCharsets.UTF_8),
                received));
    }

    private @Nullable String requestS3Url(byte[] body) {
        try {
            JsonNode json = body.length == 0 ? null : mapper.readTree(body);
            return json == null ? null : json.path("S3Url").textValue();
        } catch (IOException e) {
            return null;
        }
    }

    private Answer dispatch(Route route, byte[] body, Map<String, String> query) {
        String pageSize = query.get("page-size");
        String token = query.get("token");
        return switch (route.operation()) {
            case CREATE_APP -> engine.createApp(json(body));
            case GET_APP -> engine.getApp(route.appId());
            case GET_APPS -> engine.getApps(pageSize, token);
            case DELETE_APP -> engine.deleteApp(route.appId());
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

    static Route route(String method, List<String> parts) {
        int n = parts.size();
        if (n < 2 || !parts.get(0).equals("v1") || !parts.get(1).equals("apps")) {
            return Route.failed(ModelledError.NOT_FOUND, "Resource not found");
        }
        String app = n > 2 ? parts.get(2) : null;
        Map<String, Operation> byMethod = new HashMap<>();
        String id = null;
        if (n == 2) {
            byMethod.put("POST", Operation.CREATE_APP);
            byMethod.put("GET", Operation.GET_APPS);
        } else if (n == 3) {
            byMethod.put("GET", Operation.GET_APP);
            byMethod.put("DELETE", Operation.DELETE_APP);
        } else if (n == 5 && parts.get(3).equals("jobs") && parts.get(4).equals("import")) {
            byMethod.put("POST", Operation.CREATE_IMPORT_JOB);
            byMethod.put("GET", Operation.GET_IMPORT_JOBS);
        } else if (n == 6 && parts.get(3).equals("jobs") && parts.get(4).equals("import")) {
            byMethod.put("GET", Operation.GET_IMPORT_JOB);
            id = parts.get(5);
        } else if (n == 5 && parts.get(3).equals("segments")) {
            byMethod.put("GET", Operation.GET_SEGMENT);
            id = parts.get(4);
        } else if (n == 7
                && parts.get(3).equals("segments")
                && parts.get(5).equals("jobs")
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
            return Route.failed(
                    ModelledError.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed on this resource");
        }
        return Route.of(operation, app, id);
    }

    private void sendError(HttpFront.Exchange exchange, ModelledError error, String message, Duration delay) {
        Map<String, String> body = new HashMap<>();
        body.put("Message", message);
        body.put("RequestID", exchange.requestId());
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        exchange.sendJson(error.status(), bytes, error.errorType(), delay);
    }
}
