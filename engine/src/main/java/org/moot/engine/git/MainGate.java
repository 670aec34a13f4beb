package org.moot.engine.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces every move of {@code main}, whatever made it, to every listener, once and in commit
 * order. A move made here is queued as it happens and handed over by {@link #deliver}, which the
 * writer calls after letting the next writer in: while the listeners follow one move (the search
 * index makes it searchable), the next one is merged, and a listener that keeps up with several at
 * once is handed them together. A move made by another process is noticed the first time a reader
 * resolves {@code main} to a commit not yet announced, and announced as {@link ChangeSource#EXTERNAL}
 * before that reader goes on.
 */
public final class MainGate {

    private static final Logger LOG = LoggerFactory.getLogger(MainGate.class);

    private final List<MainListener> listeners = new CopyOnWriteArrayList<>();
    /** Held while main moves and its change is queued, so the queue keeps commit order. Taken after {@link #delivery}, never before. */
    private final ReentrantLock order = new ReentrantLock();
    /** Held while changes are handed to the listeners, so each gets them once and in order. */
    private final ReentrantLock delivery = new ReentrantLock();
    /** Moves queued and not yet handed over; guarded by {@link #order}. */
    private List<RefChange> pending = new ArrayList<>();
    /** The tip of main as last queued (or as found when the repository was opened). */
    private volatile Optional<ObjectId> announced;
    /** The tip of main as last handed to the listeners; guarded by {@link #delivery}. */
    private Optional<ObjectId> delivered;

    MainGate(Optional<ObjectId> tip) {
        this.announced = tip;
        this.delivered = tip;
    }

    /**
     * Adds a listener and hands it what it missed: the change from the commit it last processed
     * (none, for a listener that keeps nothing) to main as it is now ({@code current}).
     */
    void subscribe(MainListener listener, Supplier<Optional<ObjectId>> current) {
        delivery.lock();
        try {
            order.lock();
            try {
                catchUp(current.get());
            } finally {
                order.unlock();
            }
            deliverPending();
            Optional<ObjectId> from = listener.processed();
            if (delivered.isPresent() && !from.equals(delivered)) {
                deliver(listener, List.of(new RefChange(Repo.MAIN, from, delivered.get(), ChangeSource.EXTERNAL, "")));
            }
            listeners.add(listener);
        } finally {
            delivery.unlock();
        }
    }

    /**
     * Runs a move of main from {@code from} through the commits of {@code steps} (one move of the
     * ref, each step announced with its own source and actor); if it moved, queues the
     * announcements before any reader can see the new tip unannounced.
     */
    RefMove moving(Optional<ObjectId> from, List<RefChange> steps, Supplier<RefMove> move) {
        order.lock();
        try {
            RefMove result = move.get();
            if (result.moved()) {
                catchUp(from);
                steps.forEach(this::queue);
            }
            return result;
        } finally {
            order.unlock();
        }
    }

    /**
     * A reader resolved main to {@code tip}: if nobody announced it, another process may have
     * moved main. Main is read again in order ({@code current}), since the reader may have raced
     * a move made here: the tip it read is then older or queued already, and nothing is announced.
     */
    void observed(Optional<ObjectId> tip, Supplier<Optional<ObjectId>> current) {
        if (tip.equals(announced)) {
            return;
        }
        boolean queued;
        order.lock();
        try {
            queued = catchUp(current.get());
        } finally {
            order.unlock();
        }
        if (queued) {
            deliver();
        }
    }

    /**
     * Hands every queued move to the listeners, oldest first; returns when the moves queued before
     * the call have been handed over. A listener that resolves main meanwhile returns at once: the
     * loop it runs inside hands over what it found.
     */
    void deliver() {
        if (delivery.isHeldByCurrentThread()) {
            return;
        }
        delivery.lock();
        try {
            deliverPending();
        } finally {
            delivery.unlock();
        }
    }

    private void deliverPending() {
        for (List<RefChange> batch = takePending(); !batch.isEmpty(); batch = takePending()) {
            for (MainListener listener : listeners) {
                deliver(listener, batch);
            }
            delivered = Optional.of(batch.get(batch.size() - 1).to());
        }
    }

    private List<RefChange> takePending() {
        order.lock();
        try {
            List<RefChange> batch = pending;
            pending = new ArrayList<>();
            return batch;
        } finally {
            order.unlock();
        }
    }

    private boolean catchUp(Optional<ObjectId> tip) {
        if (tip.isPresent() && !tip.equals(announced)) {
            queue(new RefChange(Repo.MAIN, announced, tip.get(), ChangeSource.EXTERNAL, ""));
            return true;
        }
        return false;
    }

    private void queue(RefChange change) {
        announced = Optional.of(change.to());
        pending.add(change);
    }

    /** The ref has moved whatever a listener does: its failure is logged, never passed to the writer. */
    private static void deliver(MainListener listener, List<RefChange> changes) {
        try {
            listener.changed(changes);
        } catch (RuntimeException e) {
            RefChange last = changes.get(changes.size() - 1);
            LOG.error("{} could not follow main from {} to {} ({} by '{}')", listener.getClass().getSimpleName(),
                    changes.get(0).from().map(ObjectId::name).orElse("nothing"), last.to().name(), last.source().id(),
                    last.actor(), e);
        }
    }
}
