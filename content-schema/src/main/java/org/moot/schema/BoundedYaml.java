package org.moot.schema;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * YAML from files anyone can push, read with its nesting bounded. SnakeYAML Engine's composer
 * builds nodes recursively and has no depth limit, so {@code x: [[[[…]]]]} a few thousand deep
 * overflows the stack; the event parser underneath keeps its own stack, so depth is counted
 * there first, before anything recursive runs.
 */
public final class BoundedYaml {

    /** Collections nested deeper than this (the top-level mapping counts as one) are refused. */
    public static final int MAX_DEPTH = 18;

    private BoundedYaml() {}

    /** The first collection nested deeper than {@code maxDepth}, if any; YAML errors propagate as the composer's would. */
    static Optional<Mark> tooDeep(LoadSettings settings, String yaml, int maxDepth) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(yaml)) {
            Event.ID kind = event.getEventId();
            if (kind == Event.ID.SequenceStart || kind == Event.ID.MappingStart) {
                if (++depth > maxDepth) {
                    return Optional.of(event.getStartMark().orElse(null));
                }
            } else if (kind == Event.ID.SequenceEnd || kind == Event.ID.MappingEnd) {
                depth--;
            }
        }
        return Optional.empty();
    }

    /** Loads plain values (maps, lists, scalars) from YAML of at most {@code maxChars}, nested at most {@link #MAX_DEPTH}. */
    public static Object load(String yaml, int maxChars) {
        LoadSettings settings = LoadSettings.builder().setCodePointLimit(maxChars).setMaxAliasesForCollections(20).build();
        if (tooDeep(settings, yaml, MAX_DEPTH).isPresent()) {
            throw new YamlEngineException("nested more than " + MAX_DEPTH + " levels deep");
        }
        return new Load(settings).loadFromString(yaml);
    }
}
