package org.moot.engine.git;

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
 * order. Moves made here are announced by {@link RefMover} as they happen; a move made by another
 * process is noticed the first time a reader resolves {@code main} to a commit not yet announced,
 * and announced as {@link ChangeSource#EXTERNAL} before that reader goes on.
 */
public final class MainGate {

    private static final Logger LOG = LoggerFactory.getLogger(MainGate.class);

    private final List<MainListener> listeners = new CopyOnWriteArrayList<>();
    /** Held while main moves and while a move is announced, so announcements keep commit order. */
    private final ReentrantLock order = new ReentrantLock();
    /** The tip of main as last announced (or as found when the repository was opened). */
    private volatile Optional<ObjectId> announced;

    MainGate(Optional<ObjectId> tip) {
        this.announced = tip;
    }

    /**
     * Adds a listener and hands it what it missed: the change from the commit it last processed
     * (none, for a listener that keeps nothing) to {@code tip}, main as it is now.
     */
    void subscribe(MainListener listener, Optional<ObjectId> tip) {
        order.lock();
        try {
            catchUp(tip);
            listeners.add(listener);
            Optional<ObjectId> from = listener.processed();
            if (announced.isPresent() && !from.equals(announced)) {
                deliver(listener, new RefChange(Repo.MAIN, from, announced.get(), ChangeSource.EXTERNAL, ""));
            }
        } finally {
            order.unlock();
        }
    }

    /** Runs a move of main; if it moved, announces it before any reader can see the new tip unannounced. */
    RefMove moving(Optional<ObjectId> from, ObjectId to, ChangeSource source, String actor, Supplier<RefMove> move) {
        order.lock();
        try {
            RefMove result = move.get();
            if (result.moved()) {
                catchUp(from);
                announce(new RefChange(Repo.MAIN, from, to, source, actor));
            }
            return result;
        } finally {
            order.unlock();
        }
    }

    /** A reader resolved main to {@code tip}: if nobody announced it, another process moved main. */
    void observed(Optional<ObjectId> tip) {
        if (tip.equals(announced)) {
            return;
        }
        order.lock();
        try {
            catchUp(tip);
        } finally {
            order.unlock();
        }
    }

    private void catchUp(Optional<ObjectId> tip) {
        if (tip.isPresent() && !tip.equals(announced)) {
            announce(new RefChange(Repo.MAIN, announced, tip.get(), ChangeSource.EXTERNAL, ""));
        }
    }

    private void announce(RefChange change) {
        announced = Optional.of(change.to());
        listeners.forEach(l -> deliver(l, change));
    }

    /** The ref has moved whatever a listener does: its failure is logged, never passed to the writer. */
    private static void deliver(MainListener listener, RefChange change) {
        try {
            listener.changed(change);
        } catch (RuntimeException e) {
            LOG.error("{} could not follow main from {} to {} ({} by '{}')", listener.getClass().getSimpleName(),
                    change.from().map(ObjectId::name).orElse("nothing"), change.to().name(), change.source().id(), change.actor(), e);
        }
    }
}
