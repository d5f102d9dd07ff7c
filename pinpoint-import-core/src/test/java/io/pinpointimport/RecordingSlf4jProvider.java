package io.pinpointimport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of core's tests (chosen with {@code -Dslf4j.provider}, see the POM): logs through slf4j-simple
 * as before, but with a working MDC (slf4j-simple's does nothing) and a record of every log call with the run id the
 * MDC held at that moment, so tests can check the logging context.
 */
public final class RecordingSlf4jProvider implements SLF4JServiceProvider {
    /** One log call: the logger, the level method, its arguments and the MDC's run id then. */
    public record Event(String logger, String level, List<Object> arguments, String runId) {}

    /** Every log call at info or above made through this binding, oldest first. */
    public static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    private static final Set<String> LEVELS = Set.of("info", "warn", "error");

    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public ILoggerFactory getLoggerFactory() {
        ILoggerFactory delegate = simple.getLoggerFactory();
        return name -> loggers.computeIfAbsent(name, n -> recording(delegate.getLogger(n)));
    }

    private static Logger recording(Logger delegate) {
        return (Logger) Proxy.newProxyInstance(
                Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    if (LEVELS.contains(method.getName()) && args != null) {
                        EVENTS.add(new Event(
                                delegate.getName(),
                                method.getName(),
                                Arrays.asList(flatten(args)),
                                MDC.get(ImportRun.MDC_RUN_ID)));
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object[] flatten(Object[] args) {
        if (args.length > 0 && args[args.length - 1] instanceof Object[] varargs) {
            Object[] all = Arrays.copyOf(args, args.length - 1 + varargs.length);
            System.arraycopy(varargs, 0, all, args.length - 1, varargs.length);
            return all;
        }
        return args;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return simple.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return simple.getRequestedApiVersion();
    }

    @Override
    public void initialize() {
        simple.initialize();
    }
}
