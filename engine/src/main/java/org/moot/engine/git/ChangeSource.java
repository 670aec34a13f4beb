package org.moot.engine.git;

import java.util.Locale;

/** What moved {@code main}. */
public enum ChangeSource {
    WEB_EDIT, PROPOSAL, SETTINGS, COMMENT, PUSH, MIRROR,
    /** A step of an election, recall, poll or draw (see {@code org.moot.engine.govern}). */
    GOVERNANCE,
    /** Another process, or a push into the folder with plain {@code git}: noticed, not made, by this one. */
    EXTERNAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
