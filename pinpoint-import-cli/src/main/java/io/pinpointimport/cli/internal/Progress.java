package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on standard error: a progress bar on a terminal, plain lines (at most one a second, and the last)
 * otherwise. Updates may come from any thread.
 */
public interface Progress extends AutoCloseable {
    /** How often plain lines may be printed: {@value} ms. */
    long PLAIN_INTERVAL_MILLIS = 1000;

    /**
     * @param done units done so far
     * @param total units in all, or a negative number when not yet known
     * @param detail a short status, such as {@code 2/5 jobs done}; never personal data
     */
    void update(long done, long total, String detail);

    /** Prints the final state and stops any refresh thread. */
    @Override
    void close();

    /**
     * @param context where standard error is and whether it is a terminal
     * @param task what is being counted, such as {@code import}
     * @param unit the units, such as {@code records}
     * @return a bar on a terminal, plain lines otherwise
     */
    static Progress open(CliContext context, String task, String unit) {
        return context.terminal()
                ? new Bar(context.err(), task, unit)
                : new Plain(context.err(), task, unit, System::nanoTime);
    }

    /** @return progress that prints nothing */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(long done, long total, String detail) {}

            @Override
            public void close() {}
        };
    }

    /** The progressbar library's bar; it redraws itself from its own thread until closed. */
    final class Bar implements Progress {
        private final ProgressBar bar;
        private boolean closed;

        Bar(PrintStream err, String task, String unit) {
            this.bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(-1)
                    .setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .showSpeed()
                    .build();
        }

        @Override
        public synchronized void update(long done, long total, String detail) {
            if (closed) {
                return;
            }
            if (total >= 0 && total != bar.getMax()) {
                bar.maxHint(total);
            }
            bar.stepTo(done);
            bar.setExtraMessage(detail == null ? "" : " " + detail);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                bar.close();
            }
        }
    }

    /** A line per change, at most one a second, and the final state on close: for logs and pipes. */
    final class Plain implements Progress {
        private final PrintStream err;
        private final String task;
        private final String unit;
        private final LongSupplier nanoClock;
        private long lastPrinted;
        private String lastLine;
        private String pending;

        Plain(PrintStream err, String task, String unit, LongSupplier nanoClock) {
            this.err = err;
            this.task = task;
            this.unit = unit;
            this.nanoClock = nanoClock;
            // Quick runs print only their final line; longer ones a line a second.
            this.lastPrinted = nanoClock.getAsLong();
        }

        @Override
        public synchronized void update(long done, long total, String detail) {
            String line = line(done, total, detail);
            if (line.equals(lastLine)) {
                return;
            }
            long now = nanoClock.getAsLong();
            if (now - lastPrinted >= Duration.ofMillis(PLAIN_INTERVAL_MILLIS).toNanos()) {
                print(line, now);
            } else {
                pending = line;
            }
        }

        @Override
        public synchronized void close() {
            if (pending != null && !pending.equals(lastLine)) {
                print(pending, nanoClock.getAsLong());
            }
        }

        private void print(String line, long now) {
            err.println(line);
            err.flush();
            lastLine = line;
            lastPrinted = now;
            pending = null;
        }

        private String line(long done, long total, String detail) {
            StringBuilder sb = new StringBuilder(task).append(": ").append(done);
            if (total >= 0) {
                sb.append('/').append(total);
            }
            sb.append(' ').append(unit);
            if (total > 0) {
                sb.append(" (").append(done * 100 / total).append("%)");
            }
            if (detail != null && !detail.isEmpty()) {
                sb.append(", ").append(detail);
            }
            return sb.toString();
        }
    }
}
