package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResource;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;

class ImportJobJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFullJobHasEveryModelMemberInModelOrder() throws Exception {
        ImportJobResponse job = ImportJobResponse.builder()
                .applicationId("app")
                .completedPieces(2)
                .completionDate("2018-05-24T21:26:45.308Z")
                .creationDate("2018-05-24T21:26:33.995Z")
                .definition(ImportJobResource.builder()
                        .defineSegment(true)
                        .externalId("463709046829")
                        .format(Format.JSON)
                        .registerEndpoints(true)
                        .roleArn("arn:aws:iam::123456789012:role/R")
                        .s3Url("s3://b/p/")
                        .segmentId("seg")
                        .segmentName("Name")
                        .build())
                .failedPieces(0)
                .failures("s3://b/p/a.json line 3: Missing Address")
                .id("d5ecad8e417d498389e1d5b9454d4e0c")
                .jobStatus(JobStatus.COMPLETED)
                .totalFailures(1)
                .totalPieces(2)
                .totalProcessed(3)
                .type("IMPORT")
                .build();

        JsonNode node = JSON.readTree(ImportJobJson.importJob(job));

        assertThat(names(node))
                .containsExactly(
                        "ApplicationId",
                        "CompletedPieces",
                        "CompletionDate",
                        "CreationDate",
                        "Definition",
                        "FailedPieces",
                        "Failures",
                        "Id",
                        "JobStatus",
                        "TotalFailures",
                        "TotalPieces",
                        "TotalProcessed",
                        "Type");
        assertThat(names(node.get("Definition")))
                .containsExactly(
                        "DefineSegment",
                        "ExternalId",
                        "Format",
                        "RegisterEndpoints",
                        "RoleArn",
                        "S3Url",
                        "SegmentId",
                        "SegmentName");
        assertThat(node.get("CompletedPieces").isInt()).isTrue();
        assertThat(node.get("Definition").get("DefineSegment").isBoolean()).isTrue();
        assertThat(node.get("Failures").get(0).asText()).isEqualTo("s3://b/p/a.json line 3: Missing Address");
    }

    @Test
    void unknownStatusTextPassesThroughAndListsAndErrorsAreBare() throws Exception {
        ImportJobResponse job =
                ImportJobResponse.builder().id("x").jobStatus("SOMETHING_NEW").build();
        assertThat(ImportJobJson.importJob(job)).isEqualTo("{\"Id\":\"x\",\"JobStatus\":\"SOMETHING_NEW\"}");
        assertThat(ImportJobJson.importJobs(List.of(job), "n"))
                .isEqualTo("{\"Item\":[{\"Id\":\"x\",\"JobStatus\":\"SOMETHING_NEW\"}],\"NextToken\":\"n\"}");
        assertThat(ImportJobJson.error("Application not found", "r-1"))
                .isEqualTo("{\"Message\":\"Application not found\",\"RequestID\":\"r-1\"}");
        assertThat(JSON.readTree(ImportJobJson.error("say \"hi\"\n", "r"))
                        .get("Message")
                        .asText())
                .isEqualTo("say \"hi\"\n");
    }

    @Test
    void datesAndIdsHaveTheServicesShape() {
        assertThat(ImportJobJson.date(Instant.parse("2018-05-24T21:26:33Z"))).isEqualTo("2018-05-24T21:26:33.000Z");
        assertThat(ImportJobJson.date(Instant.parse("2018-05-24T21:26:33.995123Z")))
                .isEqualTo("2018-05-24T21:26:33.995Z");
        assertThat(ImportJobJson.newJobId()).matches("[0-9a-f]{32}").isNotEqualTo(ImportJobJson.newJobId());
        assertThat(ImportJobJson.newRequestId()).matches("[0-9a-f-]{36}");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
