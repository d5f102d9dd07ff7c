package io.pinpointimport.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/**
 * A small stateful Customer Profiles upload-job service for WireMock (a global transformer), for byte-level tests
 * of the target: it keeps jobs, serves the pre-signed PUT on the same server (checking the SSE-C headers), walks a
 * started job through a status sequence (one step per {@code GetUploadJob}), pages {@code ListUploadJobs}, injects
 * scripted errors, lost create answers and refused uploads, and logs what it served in order. Wire format as the
 * model says: rest-json, errors with {@code x-amzn-ErrorType} and {@code {"Message": ...}}, epoch-second times.
 * It is not the emulator: it checks what the client sends and answers what a test scripts.
 */
public final class ProfilesStub implements ResponseDefinitionTransformerV2 {
    /** The domain the stub serves. */
    public static final String DOMAIN = "test-domain";

    private static final Pattern JOBS = Pattern.compile("/domains/([^/]+)/upload-jobs(?:/([^/]+)(/path|/stop)?)?");
    private static final Pattern UPLOAD = Pattern.compile("/upload/([^/]+)");

    /** One served request. */
    public record Event(String op, String jobId, String detail) {}

    /** A job as the stub keeps it. */
    public static final class Job {
        public final String id;
        public final String displayName;
        public final String createBody;
        final long createdAt = Instant.now().getEpochSecond();
        public String status = "CREATED";
        public String token;
        public String upload;
        public Map<String, String> uploadHeaders = Map.of();
        int gets;

        Job(String id, String displayName, String createBody) {
            this.id = id;
            this.displayName = displayName;
            this.createBody = createBody;
        }
    }

    private record Err(int status, String type, String message) {}

    private record Lose() {}

    private final Map<String, Deque<Object>> scripts = new HashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final List<Event> log = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private List<String> running = List.of("IN_PROGRESS", "IN_PROGRESS");
    private String finalStatus = "SUCCEEDED";
    private long failedRecords;
    private int refusedUploads;
    private boolean expiredPaths;
    private int listPageCap = Integer.MAX_VALUE;
    private String baseUrl;
    private int ids;

    public WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(WireMockConfiguration.wireMockConfig()
                        .dynamicPort()
                        .bindAddress("127.0.0.1")
                        .jettyAcceptors(1)
                        .extensions(this))
                .configureStaticDsl(false)
                .build();
    }

    public void install(WireMockExtension wm) {
        baseUrl = wm.baseUrl();
        wm.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    public static CustomerProfilesAsyncClient client(WireMockExtension wm) {
        return CustomerProfilesAsyncClient.builder()
                .endpointOverride(URI.create(wm.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .build();
    }

    @Override
    public String getName() {
        return "customer-profiles-stub";
    }

    public synchronized ProfilesStub running(String... statuses) {
        running = List.of(statuses);
        return this;
    }

    public synchronized ProfilesStub ending(String status, long failed) {
        finalStatus = status;
        failedRecords = failed;
        return this;
    }

    /**
     * The next n calls of an operation (create, path, start, get, list, stop; put: the upload, answered as S3's XML
     * error with the type as its code) answer this error.
     */
    public synchronized ProfilesStub fail(String op, int n, int status, String type, String message) {
        for (int i = 0; i < n; i++) {
            scripts.computeIfAbsent(op, k -> new ArrayDeque<>()).add(new Err(status, type, message));
        }
        return this;
    }

    /** The next start starts its job but answers 500. */
    public synchronized ProfilesStub loseNextStartAnswer() {
        scripts.computeIfAbsent("start", k -> new ArrayDeque<>()).add(new Lose());
        return this;
    }

    /** The next create makes its job but answers 500. */
    public synchronized ProfilesStub loseNextCreateAnswer() {
        scripts.computeIfAbsent("create", k -> new ArrayDeque<>()).add(new Lose());
        return this;
    }

    /** The next n uploads are refused with 403, as S3 refuses an expired pre-signed URL. */
    public synchronized ProfilesStub refuseUploads(int n) {
        refusedUploads = n;
        return this;
    }

    /** Every upload path is already expired (ValidUntil in the past). */
    public synchronized ProfilesStub expiredPaths(boolean expired) {
        expiredPaths = expired;
        return this;
    }

    public synchronized ProfilesStub listPageCap(int cap) {
        listPageCap = cap;
        return this;
    }

    public synchronized List<Event> log() {
        return List.copyOf(log);
    }

    public synchronized List<String> ops() {
        return log.stream().map(Event::op).toList();
    }

    public synchronized long count(String op) {
        return log.stream().filter(e -> e.op().equals(op)).count();
    }

    public synchronized List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest req = serveEvent.getRequest();
        String path = URI.create(req.getUrl()).getPath();
        String method = req.getMethod().getName();
        Matcher upload = UPLOAD.matcher(path);
        if (upload.matches() && "PUT".equals(method)) {
            return upload(upload.group(1), req);
        }
        Matcher m = JOBS.matcher(path);
        if (!m.matches()) {
            return error(404, "ResourceNotFoundException", "No such resource");
        }
        if (!DOMAIN.equals(m.group(1))) {
            log.add(new Event("domain", null, m.group(1)));
            return error(404, "ResourceNotFoundException", "Domain not found");
        }
        String jobId = m.group(2);
        String suffix = m.group(3);
        if (jobId == null && "POST".equals(method)) {
            return create(req.getBodyAsString());
        }
        if (jobId == null && "GET".equals(method)) {
            return list(
                    req.queryParameter("max-results").isPresent()
                            ? Integer.parseInt(req.queryParameter("max-results").firstValue())
                            : 20,
                    req.queryParameter("next-token").isPresent()
                            ? req.queryParameter("next-token").firstValue()
                            : null);
        }
        Job job = jobs.get(jobId);
        String op = "/path".equals(suffix)
                ? "path"
                : "/stop".equals(suffix) ? "stop" : "PUT".equals(method) ? "start" : "get";
        Object scripted = next(op);
        if (scripted instanceof Err e) {
            log.add(new Event(op, jobId, "error " + e.status()));
            return error(e.status(), e.type(), e.message());
        }
        if (job == null) {
            log.add(new Event(op, jobId, "error 404"));
            return error(404, "ResourceNotFoundException", "Job not found");
        }
        switch (op) {
            case "path":
                return path(job);
            case "stop":
                job.status = "STOPPED";
                log.add(new Event(op, jobId, job.status));
                return json(200, "{}");
            case "start":
                if (job.upload == null || !"CREATED".equals(job.status)) {
                    log.add(new Event(op, jobId, "error 400"));
                    return error(
                            400,
                            "BadRequestException",
                            job.upload == null ? "No file was uploaded" : "The job was started already");
                }
                job.status = running.isEmpty() ? finalStatus : running.get(0);
                if (scripted instanceof Lose) {
                    log.add(new Event(op, jobId, "lost"));
                    return error(500, "InternalServerException", "Internal failure");
                }
                log.add(new Event(op, jobId, job.status));
                return json(200, "{}");
            default:
                if (!"CREATED".equals(job.status) && !"STOPPED".equals(job.status)) {
                    job.gets++;
                    job.status = job.gets < running.size() ? running.get(job.gets) : finalStatus;
                }
                log.add(new Event(op, jobId, job.status));
                return json(200, render(job));
        }
    }

    private Object next(String op) {
        Deque<Object> d = scripts.get(op);
        return d == null ? null : d.poll();
    }

    private ResponseDefinition create(String body) {
        String displayName = field(body, "DisplayName");
        Object scripted = next("create");
        if (scripted instanceof Err e) {
            log.add(new Event("create", null, "error " + e.status()));
            return error(e.status(), e.type(), e.message());
        }
        if (displayName == null || field(body, "UniqueKey") == null || !body.contains("\"Fields\"")) {
            log.add(new Event("create", null, "error 400"));
            return error(400, "BadRequestException", "DisplayName, Fields and UniqueKey are required");
        }
        Job job = new Job(String.format("%032x", ++ids), displayName, body);
        jobs.put(job.id, job);
        if (scripted instanceof Lose) {
            log.add(new Event("create", job.id, "lost"));
            return error(500, "InternalServerException", "Internal failure");
        }
        log.add(new Event("create", job.id, displayName));
        return json(200, "{\"JobId\":\"" + job.id + "\"}");
    }

    private ResponseDefinition path(Job job) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        job.token = Base64.getEncoder().encodeToString(key);
        long validUntil = Instant.now().getEpochSecond() + (expiredPaths ? -60 : 900);
        log.add(new Event("path", job.id, null));
        return json(
                200,
                "{\"Url\":\"" + baseUrl + "/upload/" + job.id + "?X-Amz-Signature=abc\",\"ClientToken\":\"" + job.token
                        + "\",\"ValidUntil\":" + validUntil + "}");
    }

    private ResponseDefinition upload(String jobId, LoggedRequest req) {
        Job job = jobs.get(jobId);
        if (job == null || job.token == null) {
            log.add(new Event("put", jobId, "error 404"));
            return s3Error(404, "NoSuchKey");
        }
        Object scripted = next("put");
        if (scripted instanceof Err e) {
            log.add(new Event("put", jobId, "error " + e.status()));
            return s3Error(e.status(), e.type());
        }
        if (refusedUploads > 0) {
            refusedUploads--;
            log.add(new Event("put", jobId, "error 403"));
            return s3Error(403, "AccessDenied");
        }
        String algorithm = req.getHeader("x-amz-server-side-encryption-customer-algorithm");
        String key = req.getHeader("x-amz-server-side-encryption-customer-key");
        String md5 = req.getHeader("x-amz-server-side-encryption-customer-key-MD5");
        if (!"AES256".equals(algorithm)
                || !job.token.equals(key)
                || !md5Of(job.token).equals(md5)) {
            log.add(new Event("put", jobId, "error 400 sse-c"));
            return s3Error(400, "InvalidArgument");
        }
        job.upload = new String(req.getBody(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : req.getAllHeaderKeys()) {
            headers.put(name.toLowerCase(Locale.ROOT), req.getHeader(name));
        }
        job.uploadHeaders = headers;
        log.add(new Event("put", jobId, req.getBody().length + " bytes"));
        return aResponse().withStatus(200).withHeader("ETag", "\"etag\"").build();
    }

    private static String md5Of(String token) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5")
                            .digest(Base64.getDecoder().decode(token)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseDefinition list(int maxResults, String token) {
        Object scripted = next("list");
        if (scripted instanceof Err e) {
            log.add(new Event("list", null, "error " + e.status()));
            return error(e.status(), e.type(), e.message());
        }
        int size = Math.min(maxResults, listPageCap);
        int from = token == null ? 0 : Integer.parseInt(token);
        List<Job> all = new ArrayList<>(jobs.values());
        int to = Math.min(from + size, all.size());
        StringBuilder sb = new StringBuilder("{\"Items\":[");
        for (int i = from; i < to; i++) {
            Job j = all.get(i);
            sb.append(i > from ? "," : "")
                    .append("{\"JobId\":\"")
                    .append(j.id)
                    .append("\",\"DisplayName\":\"")
                    .append(j.displayName)
                    .append("\",\"Status\":\"")
                    .append(j.status)
                    .append("\",\"CreatedAt\":")
                    .append(j.createdAt)
                    .append('}');
        }
        sb.append(']');
        if (to < all.size()) {
            sb.append(",\"NextToken\":\"").append(to).append('"');
        }
        log.add(new Event("list", null, "from " + from));
        return json(200, sb.append('}').toString());
    }

    private String render(Job job) {
        StringBuilder sb = new StringBuilder("{\"JobId\":\"")
                .append(job.id)
                .append("\",\"DisplayName\":\"")
                .append(job.displayName)
                .append("\",\"Status\":\"")
                .append(job.status)
                .append("\",\"CreatedAt\":")
                .append(job.createdAt)
                .append(",\"UniqueKey\":\"ProfileKey\",\"DataExpiry\":365");
        boolean done =
                List.of("SUCCEEDED", "PARTIALLY_SUCCEEDED", "FAILED", "STOPPED").contains(job.status);
        if (done && job.upload != null) {
            long rows = job.upload.lines().count() - 1;
            long failed = "FAILED".equals(job.status) ? rows : Math.min(failedRecords, rows);
            sb.append(",\"CompletedAt\":")
                    .append(Instant.now().getEpochSecond())
                    .append(",\"ResultsSummary\":{\"CreatedRecords\":")
                    .append(rows - failed)
                    .append(",\"UpdatedRecords\":0,\"FailedRecords\":")
                    .append(failed)
                    .append('}');
        }
        if ("FAILED".equals(job.status)) {
            sb.append(",\"StatusReason\":\"VALIDATION_FAILURE\"");
        }
        return sb.append('}').toString();
    }

    public static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : null;
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(body)
                .build();
    }

    private static ResponseDefinition error(int status, String type, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"Message\":\"" + message + "\"}")
                .build();
    }

    private static ResponseDefinition s3Error(int status, String code) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                        + "</Code><Message>refused</Message></Error>")
                .build();
    }
}
