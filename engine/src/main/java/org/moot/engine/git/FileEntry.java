package org.moot.engine.git;

import org.eclipse.jgit.lib.ObjectId;

/** A file in a snapshot: its path and the id of its content. */
public record FileEntry(String path, ObjectId blob) {}
