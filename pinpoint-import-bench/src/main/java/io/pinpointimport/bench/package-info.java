/**
 * JMH benchmarks for pinpoint-import: serialization (NDJSON, CSV) and validation throughput, each side by side with
 * the Jackson baselines it is measured against. Not a library: nothing here is API. See {@code docs/PERFORMANCE.md}.
 */
package io.pinpointimport.bench;
