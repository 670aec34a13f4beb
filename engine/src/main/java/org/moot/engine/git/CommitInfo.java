package org.moot.engine.git;

import java.time.Instant;

/** One commit as people read it in a history list. */
public record CommitInfo(String revision, Instant time, String author, String summary) {}
