package org.moot.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Work on every item of a list on every core, each thread taking the next item as it comes free.
 * A parallel stream on a two-core machine cuts its list into quarters up front, and the last
 * quarter ran on one core alone: 23 s of a 78-s index build at 100,000 pages.
 */
public final class Parallel {

    /** Helper threads at once, all callers together: the cores besides each caller's own. */
    private static final Semaphore HELPERS = new Semaphore(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));

    /**
     * Fewer items than this are worked on by the caller alone. Every caller has many small items
     * (pages, commits); a handful (an edit's pages, a move's commits, forty times a second) is
     * not worth a thread, and would hold the helpers' budget when a whole site's build begins.
     */
    static final int SHARED_FROM = 32;

    private Parallel() {}

    /** Runs {@code action} on each item; the first failure is thrown once all threads have stopped. */
    public static <T> void forEach(List<T> items, Consumer<? super T> action) {
        run(items.size(), i -> action.accept(items.get(i)));
    }

    /** {@code function} of each item, in the items' order. */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> function) {
        Object[] out = new Object[items.size()];
        run(items.size(), i -> out[i] = function.apply(items.get(i)));
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(out);
        return list;
    }

    private static void run(int count, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int i = next.getAndIncrement(); i < count && failed.get() == null; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            } catch (Throwable e) {
                if (!failed.compareAndSet(null, e) && failed.get() != e) {
                    failed.get().addSuppressed(e);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        try {
            // Helpers only while the budget lasts: callers at once (builds of old revisions asked for
            // by many requests) share the cores rather than each starting threads of its own.
            while (count >= SHARED_FROM && helpers.size() < count - 1 && HELPERS.tryAcquire()) {
                Thread helper = new Thread(() -> {
                    try {
                        work.run();
                    } finally {
                        HELPERS.release();
                    }
                }, "parallel-" + (helpers.size() + 1));
                helper.setDaemon(true);
                try {
                    helper.start();
                } catch (Throwable e) { // no thread to be had: this thread does the work
                    HELPERS.release();
                    break;
                }
                helpers.add(helper);
            }
            work.run();
        } finally {
            joinAll(helpers); // the work is not done, nor its results seen, until every helper has stopped
        }
        Throwable failure = failed.get();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void joinAll(List<Thread> helpers) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true; // kept for the caller, once the helpers are done
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
