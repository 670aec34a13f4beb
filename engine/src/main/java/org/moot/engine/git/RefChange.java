package org.moot.engine.git;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One move of a ref: from {@code from} (empty: it did not exist) to {@code to}, what made it and
 * who ({@code actor} is an account name, empty when not known).
 */
public record RefChange(String ref, Optional<ObjectId> from, ObjectId to, ChangeSource source, String actor) {}
