package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.ExitCodes;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Which service a command imports into: {@code --target}, and the Customer Profiles target's own options. */
public final class TargetOptions {
    /** The import targets the tool knows. */
    public enum Target {
        /** Amazon Pinpoint import jobs (shards in S3). */
        PINPOINT("pinpoint"),
        /** Amazon Connect Customer Profiles upload jobs (shards uploaded by the tool). */
        CUSTOMER_PROFILES("customer-profiles");

        private final String option;

        Target(String option) {
            this.option = option;
        }

        /** @return the name on the command line */
        public String option() {
            return option;
        }

        @Override
        public String toString() {
            return option;
        }
    }

    /** Reads {@code pinpoint} or {@code customer-profiles}. */
    public static final class TargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            for (Target t : Target.values()) {
                if (t.option.equals(value.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a target; use pinpoint or customer-profiles");
        }
    }

    /** The target. */
    @Option(
            names = "--target",
            paramLabel = "TARGET",
            converter = TargetConverter.class,
            description = "The service to import into: pinpoint (import jobs reading shards from S3) or"
                    + " customer-profiles (Amazon Connect Customer Profiles upload jobs; the tool uploads the"
                    + " shards itself, no bucket needed). Default: pinpoint.")
    public Target target = Target.PINPOINT;

    /** The Customer Profiles domain. */
    @Option(
            names = "--domain",
            paramLabel = "NAME",
            description = "Customer Profiles domain to import into. Required with --target customer-profiles.")
    public String domain;

    /** Days the service keeps imported profiles. */
    @Option(
            names = "--data-expiry-days",
            paramLabel = "DAYS",
            description = "Days Customer Profiles keeps the imported profiles (DataExpiry, 1 to "
                    + CustomerProfilesImportTarget.MAX_DATA_EXPIRY_DAYS + "). Required with --target"
                    + " customer-profiles: the service would otherwise drop them after two weeks.")
    public Integer dataExpiryDays;

    /** Where shards wait for their upload. */
    @Option(
            names = "--store-dir",
            paramLabel = "DIR",
            description = "With --target customer-profiles: directory that keeps each shard until its upload job"
                    + " has it (one folder per run; a resumed run needs it). Default: pinpoint-import-store in the"
                    + " system's temporary directory.")
    public Path storeDir;

    /** Public for picocli. */
    public TargetOptions() {}

    /** @return whether the target is Customer Profiles */
    public boolean profiles() {
        return target == Target.CUSTOMER_PROFILES;
    }

    /**
     * Checks the options that the chosen target needs or refuses.
     *
     * @param forImport whether the command imports (validate needs only --target)
     * @throws CliException with {@link ExitCodes#USAGE} naming the option
     */
    public void check(boolean forImport) {
        if (!profiles()) {
            refuse(domain != null, "--domain");
            refuse(dataExpiryDays != null, "--data-expiry-days");
            refuse(storeDir != null, "--store-dir");
            return;
        }
        if (!forImport) {
            return;
        }
        if (domain == null) {
            throw new CliException(
                    ExitCodes.USAGE, "Missing required option: '--domain=NAME' (with --target" + " customer-profiles)");
        }
        if (!domain.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new CliException(ExitCodes.USAGE, "--domain must be 1 to 64 letters, digits, '_' or '-'.");
        }
        if (dataExpiryDays == null) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "Missing required option: '--data-expiry-days=DAYS' (with"
                            + " --target customer-profiles): how long the service keeps the imported profiles.");
        }
        if (dataExpiryDays < 1 || dataExpiryDays > CustomerProfilesImportTarget.MAX_DATA_EXPIRY_DAYS) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--data-expiry-days must be from 1 to " + CustomerProfilesImportTarget.MAX_DATA_EXPIRY_DAYS + ".");
        }
    }

    private void refuse(boolean given, String option) {
        if (given) {
            throw new CliException(ExitCodes.USAGE, option + " applies to --target customer-profiles only.");
        }
    }
}
