package io.pinpointimport.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code pinpoint-import}, stable across releases so that scripts may test them. Every command's
 * {@code --help} ends with this list.
 */
public final class ExitCodes {
    /**
     * {@value}: the command did what was asked: every record read was imported, but for rejections within
     * {@code --max-rejections} and rows failed by the service within {@code --max-service-failures}.
     */
    public static final int OK = 0;
    /** {@value}: an unexpected internal error; rerun with {@code --debug} and report it. */
    public static final int INTERNAL_ERROR = 1;
    /** {@value}: the command line or an input file could not be used (unknown option, missing file, bad value). */
    public static final int USAGE = 2;
    /** {@value}: more records were rejected than {@code --max-rejections} allows (see {@code --rejects}). */
    public static final int REJECTIONS = 3;
    /** {@value}: at least one import job ended {@code FAILED}. */
    public static final int JOB_FAILED = 4;
    /**
     * {@value}: Pinpoint or S3 answered with an error, or could not be reached (network, credentials, region); or a
     * job could not be created or followed to its end, so some records were not submitted or their outcome is unknown.
     */
    public static final int SERVICE_ERROR = 5;
    /**
     * {@value}: every job ended {@code COMPLETED}, but the service failed more rows than {@code --max-service-failures}
     * allows (see each job's failure lines).
     */
    public static final int SERVICE_FAILURES = 6;

    private ExitCodes() {}

    /**
     * The list shown under "Exit codes:" in every command's help, in code order.
     *
     * @return code (as text, padded for alignment) to description
     */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(" " + OK, "Success: all imported but what --max-rejections/--max-service-failures allow.");
        m.put(" " + INTERNAL_ERROR, "Unexpected internal error: rerun with --debug and report it.");
        m.put(" " + USAGE, "Usage error: bad option or value, unreadable input file.");
        m.put(" " + REJECTIONS, "More rejected records than --max-rejections allows.");
        m.put(" " + JOB_FAILED, "An import job ended FAILED.");
        m.put(" " + SERVICE_ERROR, "Service or network error, or a job not created or not followed to its end.");
        m.put(" " + SERVICE_FAILURES, "The service failed more rows than --max-service-failures allows.");
        return m;
    }
}
