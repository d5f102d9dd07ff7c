package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Imported segments: made by jobs with {@code DefineSegment}, grown by their rows, read with {@code GetSegment}. */
final class Segments {

    private final EngineContext context;

    Segments(EngineContext context) {
        this.context = context;
    }

    /** Makes the segment a new job defines, named as the service names it when the job gives no name. */
    Segment define(Application app, ObjectNode jobDefinition, @Nullable String segmentName, String creationDate) {
        Segment segment = new Segment(
                EngineContext.newId(),
                segmentName != null ? segmentName : "Import " + creationDate,
                creationDate,
                importDefinition(jobDefinition));
        app.segments.put(segment.id, segment);
        return segment;
    }

    /** Counts a processed job's imported rows into the segment it names, if that segment exists. */
    void grow(ImportJob job, int imported, Map<String, Integer> channelCounts) {
        String segmentId = job.definition.path("SegmentId").textValue();
        if (segmentId != null && job.app.segments.containsKey(segmentId)) {
            Segment segment = job.app.segments.get(segmentId);
            segment.size += imported;
            channelCounts.forEach((channel, count) -> segment.channelCounts.merge(channel, count, Integer::sum));
            segment.lastModifiedDate = context.now();
            if (!job.createdSegment) {
                segment.version++;
            }
        }
    }

    Answer get(Application app, String segmentId) {
        Segment segment = app.segments.get(segmentId);
        if (segment == null) {
            throw ServiceError.notFound("Segment not found");
        }
        ObjectNode node = context.mapper.createObjectNode();
        node.put("ApplicationId", app.id);
        node.put("Arn", EngineContext.appArn(app.id) + "/segments/" + segment.id);
        node.put("CreationDate", segment.creationDate);
        node.put("Id", segment.id);
        ObjectNode definition = segment.definition.deepCopy();
        ObjectNode counts = definition.putObject("ChannelCounts");
        segment.channelCounts.forEach(counts::put);
        definition.put("Size", segment.size);
        node.set("ImportDefinition", definition);
        node.put("LastModifiedDate", segment.lastModifiedDate);
        node.put("Name", segment.name);
        node.put("SegmentType", "IMPORT");
        node.put("Version", segment.version);
        return new Answer(200, node);
    }

    private ObjectNode importDefinition(ObjectNode jobDefinition) {
        ObjectNode node = context.mapper.createObjectNode();
        for (String member : List.of("ExternalId", "Format", "RoleArn", "S3Url")) {
            if (jobDefinition.has(member)) {
                node.set(member, jobDefinition.get(member).deepCopy());
            }
        }
        return node;
    }
}
