package io.pinpointimport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.JobOptions;
import org.junit.jupiter.api.Test;

class JobRequestTest {
    @Test
    void theOptionsConsumerStartsFromTheDefaultsAndBuildsTheSameRequest() {
        JobRequest byValue = JobRequest.of(
                "s3://b/imports/run-1/00000/",
                ImportFormat.CSV,
                JobOptions.builder().defineSegment(true).segmentName("november").build());
        JobRequest byConsumer = JobRequest.builder()
                .s3Url("s3://b/imports/run-1/00000/")
                .format(ImportFormat.CSV)
                .options(o -> o.defineSegment(true).segmentName("november"))
                .build();

        assertThat(byConsumer.options()).isEqualTo(byValue.options());
        assertThat(byConsumer.options().registerEndpoints()).isEqualTo(JobOptions.DEFAULT_REGISTER_ENDPOINTS);
    }
}
