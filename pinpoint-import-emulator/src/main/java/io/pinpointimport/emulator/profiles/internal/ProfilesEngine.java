package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The emulated Customer Profiles service's operations, each under this object's lock, handed to the part that does
 * it: {@link Domains}, {@link UploadJobs} (which has {@link UploadJobProcessor} read a job's file and
 * {@link StagedRows} check and stage each row), {@link UploadUrls} and {@link ProfileSearch}. The HTTP front
 * ({@link ProfilesFront}) turns answers, {@link ProfilesServiceError}s and {@link UploadRefused}s into responses.
 * Behaviour AWS does not document is chosen in one place, {@code docs/emulator-customer-profiles.md}; the constants
 * of the parts name the section that explains them.
 */
public final class ProfilesEngine {

    /** The default {@code DataExpiry} (days) when a job leaves it out: two weeks, as the model says. */
    public static final int DEFAULT_DATA_EXPIRY_DAYS = ProfilesContext.DEFAULT_DATA_EXPIRY_DAYS;

    private final Domains domains;
    private final UploadUrls urls;
    private final UploadJobs jobs;
    private final ProfileSearch search;

    /**
     * @param settings what the builder set
     * @param faults the planned job faults
     * @param scheduler moves jobs on at a timed pace; owned by the caller
     * @param mapper reads and writes JSON
     */
    public ProfilesEngine(
            ProfilesSettings settings,
            UploadJobFaults faults,
            ScheduledExecutorService scheduler,
            ObjectMapper mapper) {
        ProfilesContext context = new ProfilesContext(settings, mapper);
        this.domains = new Domains(context);
        this.urls = new UploadUrls(context, faults);
        this.jobs = new UploadJobs(context, domains, urls, new UploadJobProcessor(context, faults), scheduler, this);
        this.search = new ProfileSearch(context, domains);
    }

    // ---------------------------------------------------------------- domains

    /**
     * Creates a domain directly, without HTTP; does nothing if it exists.
     *
     * @param name the domain name
     * @param defaultExpirationDays its {@code DefaultExpirationDays}
     */
    public synchronized void createDomain(String name, int defaultExpirationDays) {
        domains.create(name, defaultExpirationDays);
    }

    synchronized Answer createDomain(String name, @Nullable JsonNode body) {
        return domains.create(name, body);
    }

    synchronized Answer getDomain(String name) {
        return domains.get(name);
    }

    /**
     * @param name an existing domain
     * @return how many profiles it holds (also in lean mode)
     */
    public synchronized long profileCount(String name) {
        return domains.profileCount(name);
    }

    // ---------------------------------------------------------------- upload jobs and their files

    synchronized Answer createUploadJob(String domainName, @Nullable JsonNode body) {
        return jobs.create(domainName, body);
    }

    synchronized Answer getUploadJobPath(String domainName, String jobId, URI base) {
        return urls.issue(jobs.job(domainName, jobId), base);
    }

    /** @see UploadUrls#check */
    synchronized String checkUpload(
            String domainName,
            String jobId,
            String uploadId,
            @Nullable String signature,
            @Nullable String algorithm,
            @Nullable String key,
            @Nullable String keyMd5) {
        return urls.check(domainName, jobId, uploadId, signature, algorithm, key, keyMd5);
    }

    /** @see UploadUrls#attachFile */
    synchronized void attachFile(String uploadId, Path file, long bytes) {
        urls.attachFile(uploadId, file, bytes);
    }

    synchronized Answer startUploadJob(String domainName, String jobId) {
        return jobs.start(domainName, jobId);
    }

    synchronized Answer stopUploadJob(String domainName, String jobId) {
        return jobs.stop(domainName, jobId);
    }

    synchronized Answer getUploadJob(String domainName, String jobId) {
        return jobs.get(domainName, jobId);
    }

    synchronized Answer listUploadJobs(String domainName, @Nullable String maxResults, @Nullable String nextToken) {
        return jobs.list(domainName, maxResults, nextToken);
    }

    // ---------------------------------------------------------------- profiles

    synchronized Answer searchProfiles(
            String domainName, @Nullable String maxResults, @Nullable String nextToken, @Nullable JsonNode body) {
        return search.search(domainName, maxResults, nextToken, body);
    }

    // ---------------------------------------------------------------- housekeeping

    /** Forgets every domain, job, upload URL and profile; timed jobs stop and uploaded files are deleted. */
    public synchronized void reset() {
        jobs.clear();
        domains.clear();
        urls.clear();
    }
}
