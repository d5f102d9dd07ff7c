package io.pinpointimport.validation;

import io.pinpointimport.model.EndpointDefinition;
import java.util.List;

/**
 * Rules added to an {@link EndpointValidator}'s own, such as those an import target's service imposes
 * ({@link io.pinpointimport.spi.ImportTarget#recordCheck()}). A check never throws for a bad record: it returns
 * rejections, each with a {@link Rule} id and a message that names the field and the limit, never the value.
 * Implementations are thread-safe and stateless across records.
 */
@FunctionalInterface
public interface RecordCheck {
    /** A check that accepts every record. */
    RecordCheck NONE = (recordIndex, definition) -> List.of();

    /**
     * @param recordIndex the record's 0-based position in the run's input, copied into each rejection
     * @param definition the record
     * @return every rule the record breaks; empty when it may be imported
     */
    List<Rejection> check(long recordIndex, EndpointDefinition definition);
}
