package org.moot.engine.talk;

/**
 * A comment the word filter held back, waiting for a moderator: {@code comment.number()} is 0, as
 * it has no place in its thread yet; {@code matched} is the word or phrase that held it.
 */
public record HeldComment(int id, Comment comment, String matched) {}
