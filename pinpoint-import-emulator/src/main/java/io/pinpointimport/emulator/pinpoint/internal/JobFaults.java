package io.pinpointimport.emulator.pinpoint.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The faults of Pinpoint import jobs, behind the public {@code Faults}: jobs that end {@code FAILED}, roles that
 * cannot read, files deleted before the job reads them; some aimed at the first job whose {@code S3Url} contains a
 * part. Thread-safe.
 */
public final class JobFaults {

    /** A fault for the first job whose {@code S3Url} contains {@code urlPart}. */
    private record Targeted<T>(String urlPart, T fault) {}

    private final Deque<List<String>> jobFailures = new ArrayDeque<>();
    private final Set<String> deniedRoles = new HashSet<>();
    private final List<Targeted<List<String>>> targetedJobFailures = new ArrayList<>();
    private final List<String> deletesBeforeRead = new ArrayList<>();
    private final List<Targeted<String>> roleDenialsAt = new ArrayList<>();

    /** @param failureLines the lines the next job fails with; at least one */
    public synchronized void failNextJob(List<String> failureLines) {
        if (failureLines.isEmpty()) {
            throw new IllegalArgumentException("give at least one failure line");
        }
        jobFailures.add(List.copyOf(failureLines));
    }

    /**
     * @param s3UrlPart a part of the job's {@code S3Url}
     * @param failureLines the lines that job fails with; at least one
     */
    public synchronized void failJobAt(String s3UrlPart, List<String> failureLines) {
        requireUrlPart(s3UrlPart);
        if (failureLines.isEmpty()) {
            throw new IllegalArgumentException("give at least one failure line");
        }
        targetedJobFailures.add(new Targeted<>(s3UrlPart, List.copyOf(failureLines)));
    }

    /** @param s3UrlPart a part of the {@code S3Url} of the job whose files vanish before it reads them */
    public synchronized void deleteBeforeRead(String s3UrlPart) {
        deletesBeforeRead.add(requireUrlPart(s3UrlPart));
    }

    /**
     * @param roleArn the role that may not read
     * @param s3UrlPart a part of the {@code S3Url} it may not read
     */
    public synchronized void denyRole(String roleArn, String s3UrlPart) {
        Objects.requireNonNull(roleArn, "roleArn");
        roleDenialsAt.add(new Targeted<>(requireUrlPart(s3UrlPart), roleArn));
    }

    /** @param roleArn the role that may not read anything */
    public synchronized void denyRole(String roleArn) {
        deniedRoles.add(Objects.requireNonNull(roleArn, "roleArn"));
    }

    /** Drops every planned job fault and denied role. */
    public synchronized void clear() {
        jobFailures.clear();
        deniedRoles.clear();
        targetedJobFailures.clear();
        deletesBeforeRead.clear();
        roleDenialsAt.clear();
    }

    /**
     * @param s3Url the job's {@code S3Url}
     * @return the lines the job must fail with, or {@code null}
     */
    synchronized @Nullable List<String> takeJobFailure(String s3Url) {
        for (int i = 0; i < targetedJobFailures.size(); i++) {
            if (s3Url.contains(targetedJobFailures.get(i).urlPart())) {
                return targetedJobFailures.remove(i).fault();
            }
        }
        return jobFailures.poll();
    }

    synchronized boolean takeDeleteBeforeRead(String s3Url) {
        for (int i = 0; i < deletesBeforeRead.size(); i++) {
            if (s3Url.contains(deletesBeforeRead.get(i))) {
                deletesBeforeRead.remove(i);
                return true;
            }
        }
        return false;
    }

    synchronized boolean isDenied(String roleArn, String s3Url) {
        if (deniedRoles.contains(roleArn)) {
            return true;
        }
        for (Targeted<String> denial : roleDenialsAt) {
            if (denial.fault().equals(roleArn) && s3Url.contains(denial.urlPart())) {
                return true;
            }
        }
        return false;
    }

    private static String requireUrlPart(String s3UrlPart) {
        Objects.requireNonNull(s3UrlPart, "s3UrlPart");
        if (s3UrlPart.isEmpty()) {
            throw new IllegalArgumentException("s3UrlPart must not be empty");
        }
        return s3UrlPart;
    }
}
