package io.pinpointimport.internal;

import io.pinpointimport.ImportRun;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Puts a run's id in the SLF4J MDC ({@link ImportRun#MDC_RUN_ID}) while the library works for that run: around
 * each of its log calls (whatever thread makes them: the reading thread, SDK response threads, the scheduler),
 * its listener callbacks and its scheduled tasks; and restores what the MDC held before. No promises: internal.
 */
public final class RunContext {
    private RunContext() {}

    /**
     * @param runId the run's id, or null for none (then nothing is put)
     * @param task the work
     */
    public static void run(String runId, Runnable task) {
        if (runId == null) {
            task.run();
            return;
        }
        String before = MDC.get(ImportRun.MDC_RUN_ID);
        MDC.put(ImportRun.MDC_RUN_ID, runId);
        try {
            task.run();
        } finally {
            if (before == null) {
                MDC.remove(ImportRun.MDC_RUN_ID);
            } else {
                MDC.put(ImportRun.MDC_RUN_ID, before);
            }
        }
    }

    /**
     * @param runId the run's id, or null
     * @param task the work
     * @return the work, run with the run's id in the MDC
     */
    public static Runnable wrap(String runId, Runnable task) {
        return runId == null ? task : () -> run(runId, task);
    }

    private static <T> Callable<T> wrap(String runId, Callable<T> task) {
        if (runId == null) {
            return task;
        }
        return () -> {
            Object[] result = new Object[1];
            Exception[] failure = new Exception[1];
            run(runId, () -> {
                try {
                    result[0] = task.call();
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        };
    }

    /**
     * @param delegate the class's logger
     * @param runId the run's id, or null for the delegate itself
     * @return a logger that logs with the run's id in the MDC
     */
    public static Logger logger(Logger delegate, String runId) {
        if (runId == null) {
            return delegate;
        }
        return (Logger) Proxy.newProxyInstance(
                Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "RunLogger[" + delegate.getName() + "]";
                        };
                    }
                    Object[] result = new Object[1];
                    Throwable[] failure = new Throwable[1];
                    run(runId, () -> {
                        try {
                            result[0] = method.invoke(delegate, args);
                        } catch (InvocationTargetException e) {
                            failure[0] = e.getCause();
                        } catch (IllegalAccessException e) {
                            failure[0] = e;
                        }
                    });
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                    return result[0];
                });
    }

    /**
     * @param delegate the importer's scheduler (not owned: never shut down through the view)
     * @param runId the run's id, or null for the delegate itself
     * @return a view of the scheduler whose tasks run with the run's id in the MDC
     */
    public static ScheduledExecutorService scheduler(ScheduledExecutorService delegate, String runId) {
        return runId == null ? delegate : new MdcScheduler(delegate, runId);
    }

    /** Wraps every task; shutting down and waiting go to the delegate. */
    private static final class MdcScheduler implements ScheduledExecutorService {
        private final ScheduledExecutorService delegate;
        private final String runId;

        MdcScheduler(ScheduledExecutorService delegate, String runId) {
            this.delegate = delegate;
            this.runId = runId;
        }

        private <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
            List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                wrapped.add(wrap(runId, t));
            }
            return wrapped;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return delegate.schedule(wrap(runId, command), delay, unit);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return delegate.schedule(wrap(runId, callable), delay, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return delegate.scheduleAtFixedRate(wrap(runId, command), initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(
                Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return delegate.scheduleWithFixedDelay(wrap(runId, command), initialDelay, delay, unit);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return delegate.submit(wrap(runId, task));
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return delegate.submit(wrap(runId, task), result);
        }

        @Override
        public Future<?> submit(Runnable task) {
            return delegate.submit(wrap(runId, task));
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return delegate.invokeAll(wrapAll(tasks));
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            return delegate.invokeAll(wrapAll(tasks), timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            return delegate.invokeAny(wrapAll(tasks));
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return delegate.invokeAny(wrapAll(tasks), timeout, unit);
        }

        @Override
        public void execute(Runnable command) {
            delegate.execute(wrap(runId, command));
        }
    }
}
