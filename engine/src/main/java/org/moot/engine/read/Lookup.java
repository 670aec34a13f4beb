package org.moot.engine.read;

import java.util.List;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/** What asking for a page id can lead to. */
public sealed interface Lookup {

    record Found(PageView view) implements Lookup {}

    /** The id was renamed; its page now lives at {@code to}. */
    record Redirect(PageId to) implements Lookup {}

    /** No such page; {@code suggestions} are close matches, best first. */
    record Missing(String asked, List<Page> suggestions) implements Lookup {}
}
