package io.pinpointimport.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialization cost as CPU time per record, for a loaded machine: runs the {@link NdjsonBench} and {@link CsvBench}
 * operations interleaved in rounds (so that load changes hit every variant alike) and reports the median caller-thread
 * CPU time and process CPU time (all threads, including the shard writer's second thread, JIT and GC) per record.
 * Wall-clock throughput on a shared 2-core machine swings by a factor of two between iterations; CPU time per record
 * swings far less, so the ratios against the baselines are readable. Not a JMH benchmark; run with
 * {@code java -cp benchmarks.jar io.pinpointimport.bench.SerializationCpuTime [rounds]}.
 */
public final class SerializationCpuTime {
    private static final int REPS = 10;

    private SerializationCpuTime() {}

    @FunctionalInterface
    private interface Op {
        long run() throws Exception;
    }

    /**
     * Runs the comparison and prints one line per variant and the ratios.
     *
     * @param args optional: the number of rounds (default 12; the first third is warm-up)
     * @throws Exception when a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        NdjsonBench ndjson = new NdjsonBench();
        ndjson.setUp();
        CsvBench csv = new CsvBench();
        csv.setUp();
        ByteCounter counter = new ByteCounter();
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("NdjsonBench.libraryEncoder", () -> ndjson.libraryEncoder(counter));
        ops.put("NdjsonBench.jacksonGenerator", () -> ndjson.jacksonGenerator(counter));
        ops.put("NdjsonBench.naiveObjectMapper", () -> ndjson.naiveObjectMapper(counter));
        ops.put("NdjsonBench.shardWriterFile", () -> ndjson.shardWriterFile(counter));
        ops.put("NdjsonBench.jacksonGeneratorFile", () -> ndjson.jacksonGeneratorFile(counter));
        ops.put("CsvBench.shardWriterFile", () -> csv.shardWriterFile(counter));
        ops.put("CsvBench.jacksonCsvGeneratorFile", () -> csv.jacksonCsvGeneratorFile(counter));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, List<Double>> thread = new LinkedHashMap<>();
        Map<String, List<Double>> process = new LinkedHashMap<>();
        double perRecord = REPS * (double) BenchData.BATCH;
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Op> e : ops.entrySet()) {
                long t0 = threads.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                for (int i = 0; i < REPS; i++) {
                    e.getValue().run();
                }
                long t1 = threads.getCurrentThreadCpuTime();
                long p1 = os.getProcessCpuTime();
                if (r >= rounds / 3) {
                    thread.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((t1 - t0) / perRecord);
                    process.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((p1 - p0) / perRecord);
                }
            }
        }
        ndjson.tearDown();
        csv.tearDown();
        System.out.printf("%-36s %18s %18s%n", "variant", "thread CPU ns/rec", "process CPU ns/rec");
        for (String k : ops.keySet()) {
            System.out.printf("%-36s %18.0f %18.0f%n", k, median(thread.get(k)), median(process.get(k)));
        }
        System.out.println();
        ratio(
                thread,
                process,
                "NDJSON in memory (limit / library)",
                "NdjsonBench.jacksonGenerator",
                "NdjsonBench.libraryEncoder");
        ratio(
                thread,
                process,
                "NDJSON file (limit / library)",
                "NdjsonBench.jacksonGeneratorFile",
                "NdjsonBench.shardWriterFile");
        ratio(
                thread,
                process,
                "CSV file (limit / library)",
                "CsvBench.jacksonCsvGeneratorFile",
                "CsvBench.shardWriterFile");
        ratio(
                thread,
                process,
                "naive / bare generator",
                "NdjsonBench.naiveObjectMapper",
                "NdjsonBench.jacksonGenerator");
    }

    private static void ratio(
            Map<String, List<Double>> thread,
            Map<String, List<Double>> process,
            String label,
            String numerator,
            String denominator) {
        System.out.printf(
                "%-36s thread %.2f  process %.2f%n",
                label,
                median(thread.get(numerator)) / median(thread.get(denominator)),
                median(process.get(numerator)) / median(process.get(denominator)));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
