package io.pinpointimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.ValidationLevel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;

/** The builder's policy for rival setters: {@code build()} throws and names both. */
class EndpointImporterBuilderTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private EndpointImporter.Builder base() {
        return EndpointImporter.builder()
                .shardStore((runId, shard) -> new CompletableFuture<>())
                .executor(Runnable::run)
                .scheduler(scheduler);
    }

    private static final ImportTarget TARGET = new ImportTarget() {
        @Override
        public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<JobSnapshot> getJob(String jobId) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
            return new CompletableFuture<>();
        }
    };

    private static final PinpointAsyncClient CLIENT = new PinpointAsyncClient() {
        @Override
        public String serviceName() {
            return "pinpoint";
        }

        @Override
        public void close() {}
    };

    @Test
    void importTargetAndEachPinpointSettingAreRivals() {
        assertRivals(b -> b.importTarget(TARGET).pinpoint(CLIENT), "importTarget", "pinpoint");
        assertRivals(b -> b.pinpoint(CLIENT).importTarget(TARGET), "importTarget", "pinpoint");
        assertRivals(b -> b.importTarget(TARGET).applicationId("app"), "importTarget", "applicationId");
        assertRivals(
                b -> b.importTarget(TARGET).roleArn("arn:aws:iam::123456789012:role/R"), "importTarget", "roleArn");
    }

    @Test
    void validatorAndValidationLevelAreRivalsInEitherOrder() {
        assertRivals(
                b -> b.importTarget(TARGET)
                        .validator(EndpointValidator.ofDefaults())
                        .validationLevel(ValidationLevel.STRICT),
                "validator",
                "validationLevel");
        assertRivals(
                b -> b.importTarget(TARGET)
                        .validationLevel(ValidationLevel.STRICT)
                        .validator(v -> v.level(ValidationLevel.STRICT)),
                "validator",
                "validationLevel");
    }

    @Test
    void eachRivalAloneBuilds() {
        try (EndpointImporter byTarget = base().importTarget(TARGET)
                        .validationLevel(ValidationLevel.STRICT)
                        .build();
                EndpointImporter byClient = base().pinpoint(CLIENT)
                        .applicationId("app")
                        .roleArn("arn:aws:iam::123456789012:role/R")
                        .validator(v -> v.maxCustomAttributeNames(40))
                        .build()) {
            assertThat(byTarget.importTarget()).isSameAs(TARGET);
            assertThat(byClient.importTarget()).isNotSameAs(TARGET);
        }
    }

    private void assertRivals(UnaryOperator<EndpointImporter.Builder> setters, String first, String second) {
        assertThatThrownBy(() -> setters.apply(base()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(first)
                .hasMessageContaining(second);
    }
}
