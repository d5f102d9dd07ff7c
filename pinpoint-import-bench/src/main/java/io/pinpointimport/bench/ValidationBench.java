package io.pinpointimport.bench;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.EndpointValidator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Validation cost per record: {@link EndpointValidator#validate} with the defaults. Scores are records/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBench {
    private EndpointDefinition[] records;
    private EndpointValidator validator;

    /** Generates the records once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        records = BenchData.records();
        validator = EndpointValidator.ofDefaults();
    }

    /**
     * Validates every record of the batch.
     *
     * @param bh sink for the rejection lists
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void validateDefaults(Blackhole bh) {
        EndpointDefinition[] rs = records;
        for (int i = 0; i < rs.length; i++) {
            bh.consume(validator.validate(i, rs[i]));
        }
    }
}
