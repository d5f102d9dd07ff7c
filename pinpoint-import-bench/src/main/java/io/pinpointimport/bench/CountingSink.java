package io.pinpointimport.bench;

import java.io.OutputStream;

/**
 * An in-memory sink that keeps nothing but the byte count: baselines write into it so that no file system or array
 * growth is measured, only serialization.
 */
final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }
}
