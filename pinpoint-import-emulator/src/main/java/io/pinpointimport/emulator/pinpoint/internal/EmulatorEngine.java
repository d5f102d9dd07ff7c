package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The emulated Pinpoint service's operations, each under this object's lock, handed to the part that does it:
 * {@link Applications}, {@link ImportJobs} (which has {@link JobProcessor} read a job's files and
 * {@link RowImporter} check and apply each row), {@link Endpoints} and {@link Segments}. The HTTP front
 * ({@link PinpointHttp}) turns answers and {@link ServiceError}s into responses.
 */
public final class EmulatorEngine {

    /** The account id in the ARNs the emulator makes: {@value}. */
    public static final String ACCOUNT_ID = EngineContext.ACCOUNT_ID;

    private final Applications apps;
    private final ImportJobs jobs;
    private final Endpoints endpoints;
    private final Segments segments;

    /**
     * @param settings what the builder set
     * @param faults the planned job faults
     * @param s3 reads the jobs' files
     * @param scheduler moves jobs on at a timed pace; owned by the caller
     * @param mapper reads and writes JSON
     */
    public EmulatorEngine(
            EngineSettings settings,
            JobFaults faults,
            S3Client s3,
            ScheduledExecutorService scheduler,
            ObjectMapper mapper) {
        EngineContext context = new EngineContext(settings, mapper);
        this.apps = new Applications(context);
        this.segments = new Segments(context);
        this.endpoints = new Endpoints(context);
        JobProcessor processor = new JobProcessor(context, faults, s3, segments);
        this.jobs = new ImportJobs(context, apps, segments, processor, scheduler, this);
    }

    // ---------------------------------------------------------------- apps

    /**
     * Creates an application directly, without HTTP.
     *
     * @param name the project name
     * @return its id
     */
    public synchronized String createApp(String name) {
        return apps.create(name);
    }

    synchronized Answer createApp(@Nullable JsonNode body) {
        return apps.create(body);
    }

    synchronized Answer getApp(String appId) {
        return apps.get(appId);
    }

    synchronized Answer getApps(@Nullable String pageSize, @Nullable String token) {
        return apps.list(pageSize, token);
    }

    /** Deletes an application with its jobs, endpoints and segments; its running jobs stop where they are. */
    synchronized Answer deleteApp(String appId) {
        Application app = apps.app(appId);
        jobs.stop(app);
        apps.remove(appId);
        // its running jobs no longer hold the account's active-job quota
        jobs.startQueued();
        return new Answer(200, apps.render(app));
    }

    // ---------------------------------------------------------------- import jobs

    synchronized Answer createImportJob(String appId, @Nullable JsonNode body) {
        return jobs.create(apps.app(appId), body);
    }

    synchronized Answer getImportJob(String appId, String jobId) {
        return jobs.get(apps.app(appId), jobId);
    }

    synchronized Answer getImportJobs(String appId, @Nullable String pageSize, @Nullable String token) {
        return jobs.list(apps.app(appId), pageSize, token);
    }

    synchronized Answer getSegmentImportJobs(
            String appId, String segmentId, @Nullable String pageSize, @Nullable String token) {
        return jobs.listOfSegment(apps.app(appId), segmentId, pageSize, token);
    }

    // ---------------------------------------------------------------- endpoints and segments

    synchronized Answer getEndpoint(String appId, String endpointId) {
        return endpoints.get(apps.app(appId), endpointId);
    }

    synchronized Answer deleteEndpoint(String appId, String endpointId) {
        return endpoints.delete(apps.app(appId), endpointId);
    }

    synchronized Answer getUserEndpoints(String appId, String userId) {
        return endpoints.ofUser(apps.app(appId), userId);
    }

    synchronized Answer getSegment(String appId, String segmentId) {
        return segments.get(apps.app(appId), segmentId);
    }

    // ---------------------------------------------------------------- housekeeping

    /** Forgets every application, job, endpoint and segment; running jobs stop where they are. */
    public synchronized void reset() {
        jobs.clear();
        apps.clear();
    }
}
