/**
 * The fate of every record of a run: {@link io.pinpointimport.report.RunReport} opens the report a run kept beside
 * its journal and streams one {@link io.pinpointimport.report.RecordFate} per input record, with its
 * {@link io.pinpointimport.report.RecordOutcome}, and the {@link io.pinpointimport.report.OutcomeCounts} per outcome.
 */
@NullMarked
package io.pinpointimport.report;

import org.jspecify.annotations.NullMarked;
