package io.pinpointimport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;

/**
 * A small stateful Pinpoint import-job service for WireMock: a global response transformer that keeps jobs,
 * walks each through a scripted status sequence (one step per {@code GetImportJob}), pages
 * {@code GetImportJobs}, injects scripted errors and faults, and keeps an ordered log of what it served.
 *
 * <p>Wire format as the reference describes it: bare {@code ImportJobResponse} bodies, 201 on create, errors with
 * {@code x-amzn-ErrorType} and {@code {"Message": ...}}.
 */
public final class PinpointStub implements ResponseDefinitionTransformerV2 {
    /** The application id every test uses. */
    public static final String APP = "app1";
    /** The role ARN every test uses. */
    public static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    private static final Pattern JOB_PATH = Pattern.compile("/v1/apps/([^/]+)/jobs/import(?:/([^/?]+))?");

    /** How a job ends. */
    public record Outcome(
            String finalStatus,
            Integer processed,
            Integer failed,
            List<String> failures,
            int pieces,
            int failedPieces) {
        /**
         * @param processed records processed
         * @return a clean COMPLETED outcome
         */
        public static Outcome completed(int processed) {
            return new Outcome("COMPLETED", processed, 0, List.of(), 1, 0);
        }
    }

    /** One served request, in the order the stub handled them. */
    public record Event(long seq, long nanos, String op, String jobId, String s3Url, String status) {}

    private final List<String> lifecycle =
            new ArrayList<>(List.of("CREATED", "INITIALIZING", "PROCESSING", "COMPLETED"));
    private final Deque<Object> createScript = new ArrayDeque<>();
    private final Deque<Object> getScript = new ArrayDeque<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final List<Event> log = new ArrayList<>();
    private Function<String, Outcome> outcomes = url -> Outcome.completed(0);
    private int listPageSizeCap = Integer.MAX_VALUE;
    private long seq;
    private int idCounter;

    private static final class Job {
        final String id;
        final String s3Url;
        final String format;
        final String body;
        final String created = Instant.now().toString();
        int step;

        Job(String id, String s3Url, String format, String body) {
            this.id = id;
            this.s3Url = s3Url;
            this.format = format;
            this.body = body;
        }
    }

    /** An error answer: status, error type, message. */
    private record Err(int status, String type, String message) {}

    /** A create that is recorded but whose answer is lost. */
    private record Lose(boolean asServerError) {}

    /** @return a WireMock extension on 127.0.0.1 and a random port, with this stub installed */
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

    /**
     * Installs the catch-all stub the transformer answers through. Call in {@code @BeforeEach}.
     *
     * @param wm the running server
     */
    public void install(WireMockExtension wm) {
        wm.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    /**
     * @param wm the running server
     * @return a real async client pointed at it: static credentials, us-east-1
     */
    public static PinpointAsyncClient client(WireMockExtension wm) {
        return PinpointAsyncClient.builder()
                .endpointOverride(URI.create(wm.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .build();
    }

    @Override
    public String getName() {
        return "pinpoint-stub";
    }

    /**
     * @param statuses the statuses each job walks through, one per GetImportJob after the create (first = create)
     * @return this
     */
    public synchronized PinpointStub lifecycle(String... statuses) {
        lifecycle.clear();
        lifecycle.addAll(List.of(statuses));
        return this;
    }

    /**
     * @param outcomes how the job for each S3 URL ends (the last lifecycle status is replaced by its final status)
     * @return this
     */
    public synchronized PinpointStub outcomes(Function<String, Outcome> outcomes) {
        this.outcomes = outcomes;
        return this;
    }

    /**
     * @param cap the most items a GetImportJobs page holds, whatever the client asks
     * @return this
     */
    public synchronized PinpointStub listPageSizeCap(int cap) {
        this.listPageSizeCap = cap;
        return this;
    }

    /**
     * @param n how many of the next creates are refused
     * @param status HTTP status
     * @param type error type
     * @param message error message
     * @return this
     */
    public synchronized PinpointStub failCreates(int n, int status, String type, String message) {
        for (int i = 0; i < n; i++) {
            createScript.add(new Err(status, type, message));
        }
        return this;
    }

    /**
     * @param n how many of the next gets are refused
     * @param status HTTP status
     * @param type error type
     * @param message error message
     * @return this
     */
    public synchronized PinpointStub failGets(int n, int status, String type, String message) {
        for (int i = 0; i < n; i++) {
            getScript.add(new Err(status, type, message));
        }
        return this;
    }

    /**
     * The next create is carried out (the job exists) but its answer is lost.
     *
     * @param asServerError true: answer 500; false: reset the connection
     * @return this
     */
    public synchronized PinpointStub loseNextCreateAnswer(boolean asServerError) {
        createScript.add(new Lose(asServerError));
        return this;
    }

    /** @return the ordered log of served requests */
    public synchronized List<Event> log() {
        return List.copyOf(log);
    }

    /** @return how many requests were served */
    public synchronized int requestCount() {
        return log.size();
    }

    /**
     * @param s3Url a job URL
     * @return how many jobs exist for it
     */
    public synchronized long jobsFor(String s3Url) {
        return jobs.values().stream().filter(j -> j.s3Url.equals(s3Url)).count();
    }

    /** @return every job's S3 URL, in creation order */
    public synchronized List<String> jobUrls() {
        return jobs.values().stream().map(j -> j.s3Url).toList();
    }

    /**
     * @param jobId a job id
     * @return the create request body that made it
     */
    public synchronized String createBody(String jobId) {
        return jobs.get(jobId).body;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest req = serveEvent.getRequest();
        String path = URI.create(req.getUrl()).getPath();
        Matcher m = JOB_PATH.matcher(path);
        if (!m.matches() || !APP.equals(m.group(1))) {
            return error(404, "NotFoundException", "Resource not found");
        }
        String method = req.getMethod().getName();
        if ("POST".equals(method) && m.group(2) == null) {
            return create(req.getBodyAsString());
        }
        if ("GET".equals(method) && m.group(2) != null) {
            return get(m.group(2));
        }
        if ("GET".equals(method)) {
            return list(
                    req.queryParameter("page-size").isPresent()
                            ? req.queryParameter("page-size").firstValue()
                            : null,
                    req.queryParameter("token").isPresent()
                            ? req.queryParameter("token").firstValue()
                            : null);
        }
        return error(405, "MethodNotAllowedException", "Method not allowed");
    }

    private void record(String op, String jobId, String s3Url, String status) {
        log.add(new Event(++seq, System.nanoTime(), op, jobId, s3Url, status));
    }

    private ResponseDefinition create(String body) {
        String s3Url = field(body, "S3Url");
        Object scripted = createScript.poll();
        if (scripted instanceof Err e) {
            record("create", null, s3Url, "error " + e.status);
            return error(e.status, e.type, e.message);
        }
        String format = field(body, "Format");
        if (s3Url == null || !s3Url.startsWith("s3://") || format == null || field(body, "RoleArn") == null) {
            record("create", null, s3Url, "error 400");
            return error(400, "BadRequestException", "Invalid ImportJobRequest");
        }
        Job job = new Job(String.format("%032x", ++idCounter), s3Url, format, body);
        jobs.put(job.id, job);
        if (scripted instanceof Lose lose) {
            record("create", job.id, s3Url, "lost");
            if (lose.asServerError) {
                return error(500, "InternalServerErrorException", "Internal server error");
            }
            return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        record("create", job.id, s3Url, status(job));
        return json(201, render(job));
    }

    private ResponseDefinition get(String jobId) {
        Job job = jobs.get(jobId);
        Object scripted = getScript.poll();
        if (scripted instanceof Err e) {
            record("get", jobId, job == null ? null : job.s3Url, "error " + e.status);
            return error(e.status, e.type, e.message);
        }
        if (job == null) {
            record("get", jobId, null, "error 404");
            return error(404, "NotFoundException", "Resource not found");
        }
        if (job.step < lifecycle.size() - 1) {
            job.step++;
        }
        record("get", jobId, job.s3Url, status(job));
        return json(200, render(job));
    }

    private ResponseDefinition list(String pageSize, String token) {
        int size = pageSize == null ? 20 : Integer.parseInt(pageSize);
        size = Math.min(size, listPageSizeCap);
        int from = token == null ? 0 : Integer.parseInt(token);
        List<Job> newestFirst = new ArrayList<>(jobs.values());
        Collections.reverse(newestFirst);
        int to = Math.min(from + size, newestFirst.size());
        StringBuilder sb = new StringBuilder("{\"Item\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(',');
            }
            sb.append(render(newestFirst.get(i)));
        }
        sb.append(']');
        if (to < newestFirst.size()) {
            sb.append(",\"NextToken\":\"").append(to).append('"');
        }
        sb.append('}');
        record("list", null, null, "page " + from);
        return json(200, sb.toString());
    }

    private String status(Job job) {
        boolean last = job.step >= lifecycle.size() - 1;
        String s = lifecycle.get(job.step);
        return last && ("COMPLETED".equals(s) || "FAILED".equals(s))
                ? outcomes.apply(job.s3Url).finalStatus()
                : s;
    }

    private String render(Job job) {
        String status = status(job);
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"Id\":\"")
                .append(job.id)
                .append("\",\"JobStatus\":\"")
                .append(status)
                .append("\",\"CreationDate\":\"")
                .append(job.created)
                .append("\",\"Type\":\"IMPORT\"")
                .append(",\"Definition\":{\"S3Url\":\"")
                .append(job.s3Url)
                .append("\",\"RoleArn\":\"")
                .append(ROLE)
                .append("\",\"Format\":\"")
                .append(job.format)
                .append("\"}");
        if (job.step > 0) {
            Outcome o = outcomes.apply(job.s3Url);
            boolean terminal = "COMPLETED".equals(status) || "FAILED".equals(status);
            sb.append(",\"ApplicationId\":\"").append(APP).append('"');
            sb.append(",\"TotalPieces\":").append(o.pieces());
            sb.append(",\"CompletedPieces\":").append(terminal ? o.pieces() - o.failedPieces() : 0);
            sb.append(",\"FailedPieces\":").append(terminal ? o.failedPieces() : 0);
            if (terminal) {
                if (o.processed() != null) {
                    sb.append(",\"TotalProcessed\":").append(o.processed());
                }
                if (o.failed() != null) {
                    sb.append(",\"TotalFailures\":").append(o.failed());
                }
                sb.append(",\"CompletionDate\":\"").append(Instant.now()).append('"');
                if (!o.failures().isEmpty()) {
                    sb.append(",\"Failures\":[");
                    for (int i = 0; i < o.failures().size(); i++) {
                        sb.append(i == 0 ? "" : ",")
                                .append('"')
                                .append(o.failures().get(i).replace("\"", "\\\""))
                                .append('"');
                    }
                    sb.append(']');
                }
            }
        }
        return sb.append('}').toString();
    }

    private static String field(String body, String name) {
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
        String id = UUID.randomUUID().toString();
        ResponseDefinitionBuilder b = aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", id)
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"Message\":\"" + message + "\",\"RequestID\":\"" + id + "\"}");
        return b.build();
    }
}
