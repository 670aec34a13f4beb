package org.moot.engine.git;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** A file that differs between two trees: its content before and after (empty where there is no file). */
public record FileChange(String path, Optional<ObjectId> before, Optional<ObjectId> after) {}
