package io.pinpointimport.cli.internal;

import io.pinpointimport.ImportException;
import io.pinpointimport.ResumeException;
import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.format.InputReadException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns whatever a command threw into one message that says what to do next, and an exit code. Messages are built
 * from exception types, status codes and our own texts: never from record values, and never with credentials.
 */
public final class Errors {
    /** Every message the tool prints about a failure starts with this. */
    public static final String PREFIX = "pinpoint-import: ";

    private Errors() {}

    /**
     * Reports a failure on standard error.
     *
     * @param failure what the command threw
     * @param err standard error
     * @param debug whether to print the stack trace as well
     * @return the exit code
     */
    public static int report(Throwable failure, PrintStream err, boolean debug) {
        Throwable t = unwrap(failure);
        CliException explained = explain(t);
        err.println(PREFIX + explained.getMessage());
        if (debug) {
            failure.printStackTrace(err);
        } else if (explained.exitCode() == ExitCodes.INTERNAL_ERROR
                || explained.exitCode() == ExitCodes.SERVICE_ERROR) {
            err.println(PREFIX + "rerun with --debug to see the full cause.");
        }
        err.flush();
        return explained.exitCode();
    }

    /**
     * @param failure what a command threw, possibly wrapped by a future
     * @return the innermost cause that says something
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException
                        || t instanceof ExecutionException
                        || t instanceof UncheckedIOException
                        || t instanceof InputReadException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * @param t an unwrapped failure
     * @return the message and exit code for it
     */
    public static CliException explain(Throwable t) {
        if (t instanceof CliException c) {
            return c;
        }
        if (t instanceof AwsServiceException e) {
            return service(
                    e.awsErrorDetails() != null ? e.awsErrorDetails().serviceName() : null,
                    e.statusCode(),
                    e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null,
                    e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : null,
                    e);
        }
        if (t instanceof SdkServiceException e) {
            return service(null, e.statusCode(), null, null, e);
        }
        if (t instanceof SdkClientException e) {
            return client(e);
        }
        if (t instanceof NoSuchFileException e) {
            return new CliException(
                    ExitCodes.USAGE,
                    "cannot read " + e.getFile() + ": no such file. Check the path (use - to read standard input).",
                    e);
        }
        if (t instanceof AccessDeniedException e) {
            return new CliException(
                    ExitCodes.USAGE,
                    "cannot read " + e.getFile() + ": permission denied. Check the file's permissions.",
                    e);
        }
        if (t instanceof IOException e) {
            return new CliException(
                    ExitCodes.USAGE,
                    "input/output error (" + e.getClass().getSimpleName()
                            + "). Check the input files and the temporary directory (java.io.tmpdir) has space.",
                    e);
        }
        if (t instanceof ResumeException e) {
            // a run that cannot be continued as asked: no journal, a changed input file or setting
            return new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (t instanceof ImportException e) {
            // The library's messages are written for people and never carry personal data.
            Throwable cause = e.getCause() != null ? unwrap(e.getCause()) : null;
            if (cause instanceof SdkClientException || cause instanceof SdkServiceException) {
                return new CliException(
                        ExitCodes.SERVICE_ERROR,
                        e.getMessage() + " (" + explain(cause).getMessage() + ")",
                        e);
            }
            return new CliException(ExitCodes.SERVICE_ERROR, e.getMessage(), e);
        }
        return new CliException(
                ExitCodes.INTERNAL_ERROR,
                "unexpected error (" + t.getClass().getName()
                        + "). This is a bug: please report it with the output of --debug.",
                t);
    }

    private static CliException service(
            String serviceName, int status, String errorCode, String errorMessage, Throwable cause) {
        String service = serviceName != null ? serviceName : "the service";
        StringBuilder sb = new StringBuilder();
        sb.append(service).append(" answered HTTP ").append(status);
        if (errorCode != null) {
            sb.append(" (").append(errorCode).append(')');
        }
        if (errorMessage != null && !errorMessage.isBlank()) {
            sb.append(": ").append(errorMessage.strip());
        }
        sb.append(". ")
                .append(
                        switch (status) {
                            case 400 -> "Check the options (application id, role ARN, bucket, format).";
                            case 401, 403 ->
                                "Check the credentials (--profile or AWS_* variables) and that they may call this API.";
                            case 404 -> "Check --app (the project id), --region and --endpoint-url.";
                            case 429 -> "The service is throttling: wait a little and retry, or lower --max-jobs.";
                            default ->
                                status >= 500
                                        ? "The service had a problem: retry later."
                                        : "Check the options and retry.";
                        });
        return new CliException(ExitCodes.SERVICE_ERROR, sb.toString(), cause);
    }

    // The SDK reports a refused connection on a retry as a pool acquire time-out, with the refusal of the first
    // attempt kept as a suppressed exception: look through causes and suppressed ones.
    private static Throwable connectFailure(Throwable t, int depth) {
        if (t == null || depth > 10) {
            return null;
        }
        String m = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof ConnectException || t instanceof UnknownHostException || m.contains("Connection refused")) {
            return t;
        }
        for (Throwable s : t.getSuppressed()) {
            Throwable found = connectFailure(s, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return connectFailure(t.getCause(), depth + 1);
    }

    private static CliException client(SdkClientException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("Unable to load region")) {
            return new CliException(
                    ExitCodes.SERVICE_ERROR,
                    "no AWS region configured. Pass --region (for example"
                            + " --region us-east-1), set AWS_REGION, or set region in your AWS profile.",
                    e);
        }
        if (m.contains("Unable to load credentials")) {
            return new CliException(
                    ExitCodes.SERVICE_ERROR,
                    "no AWS credentials found. Use --profile NAME, set"
                            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run 'aws configure'. (The local emulator"
                            + " accepts any values.)",
                    e);
        }
        Throwable connect = connectFailure(e, 0);
        if (connect != null) {
            return new CliException(
                    ExitCodes.SERVICE_ERROR,
                    "could not connect to the service ("
                            + connect.getClass().getSimpleName()
                            + "). Check --endpoint-url / --s3-endpoint-url, --region"
                            + " and the network; for the local emulator, check it is running.",
                    e);
        }
        return new CliException(
                ExitCodes.SERVICE_ERROR,
                "the AWS SDK could not complete the call (" + e.getClass().getSimpleName()
                        + "). Check the network, --region and the endpoint URLs.",
                e);
    }
}
