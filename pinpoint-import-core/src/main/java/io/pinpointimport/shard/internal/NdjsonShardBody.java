package io.pinpointimport.shard.internal;

import io.pinpointimport.format.internal.Unwritable;
import io.pinpointimport.internal.json.ByteSink;
import io.pinpointimport.internal.json.NdjsonEncoder;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** NDJSON shards: every line is final as soon as it is encoded, so lines go straight to the shard file. */
final class NdjsonShardBody implements ShardBody {
    private final NdjsonEncoder encoder = new NdjsonEncoder();
    private Path file;
    private ShardFileOutput out;

    @Override
    public Rejection encode(long recordIndex, EndpointDefinition definition) {
        Rejection unsupported = Unwritable.unsupportedMember(recordIndex, definition);
        if (unsupported != null) {
            encoder.clear();
            return unsupported;
        }
        return encoder.encode(definition) ? null : Unwritable.notFiniteNumber(definition, recordIndex);
    }

    @Override
    public long sizeAlone() {
        return encoder.buffer().size();
    }

    @Override
    public long sizeWithRecord() {
        return out.count() + encoder.buffer().size();
    }

    @Override
    public void open(Path file) throws IOException {
        this.file = file;
        this.out = new ShardFileOutput(file);
    }

    @Override
    public void add() throws IOException {
        ByteSink line = encoder.buffer();
        out.write(line.array(), 0, line.size());
    }

    @Override
    public ShardFileOutput finish() throws IOException {
        ShardFileOutput done = out;
        out = null;
        file = null;
        done.finish();
        return done;
    }

    @Override
    public void discard() throws IOException {
        if (out != null) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(file);
                out = null;
                file = null;
            }
        }
    }
}
