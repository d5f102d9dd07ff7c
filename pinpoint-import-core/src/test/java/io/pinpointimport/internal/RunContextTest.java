package io.pinpointimport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.ImportRun;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class RunContextTest {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    /** A logger that notes, for each call, the run id the MDC holds at that moment. */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(
                Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    seen.add(method.getName() + "=" + MDC.get(ImportRun.MDC_RUN_ID));
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    @Test
    void everyLogCallHasTheRunIdAndThePreviousValueComesBack() {
        Logger log = RunContext.logger(recordingLogger(), "run-1");
        MDC.put(ImportRun.MDC_RUN_ID, "outer");

        log.info("one {}", 1);
        log.warn("two", new IllegalStateException("x"));
        assertThat(log.isDebugEnabled()).isTrue();

        assertThat(seen).containsExactly("info=run-1", "warn=run-1", "isDebugEnabled=run-1");
        assertThat(MDC.get(ImportRun.MDC_RUN_ID)).isEqualTo("outer");
        MDC.remove(ImportRun.MDC_RUN_ID);
        log.info("three");
        assertThat(MDC.get(ImportRun.MDC_RUN_ID)).isNull();
    }

    @Test
    void scheduledTasksRunWithTheRunIdAndLeaveTheThreadClean() throws Exception {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
        try {
            ScheduledExecutorService view = RunContext.scheduler(pool, "run-2");
            view.schedule(() -> seen.add("task=" + MDC.get(ImportRun.MDC_RUN_ID)), 1, TimeUnit.MILLISECONDS)
                    .get(30, TimeUnit.SECONDS);
            assertThat(view.submit(() -> MDC.get(ImportRun.MDC_RUN_ID)).get(30, TimeUnit.SECONDS))
                    .isEqualTo("run-2");
            // the pool's thread itself holds nothing once the task is over
            assertThat(pool.submit(() -> MDC.get(ImportRun.MDC_RUN_ID)).get(30, TimeUnit.SECONDS))
                    .isNull();
            assertThat(seen).containsExactly("task=run-2");
        } finally {
            pool.shutdownNow();
        }
    }
}
