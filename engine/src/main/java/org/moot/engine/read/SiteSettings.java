package org.moot.engine.read;

import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** {@code .moot/site.yaml}: what the site calls itself. Missing or broken settings fall back to defaults. */
public record SiteSettings(String name, String description) {

    public static final String PATH = ".moot/site.yaml";
    public static final SiteSettings DEFAULT = new SiteSettings("Moot", "");

    static SiteSettings parse(String yaml) {
        try {
            Object loaded = org.moot.schema.BoundedYaml.load(yaml, 64 * 1024);
            if (loaded instanceof Map<?, ?> map) {
                Object name = map.get("name");
                Object description = map.get("description");
                return new SiteSettings(name == null ? DEFAULT.name() : String.valueOf(name).strip(),
                        description == null ? "" : String.valueOf(description).strip());
            }
        } catch (YamlEngineException e) {
            // A broken settings file must not take the site down; `moot check` reports content problems.
        }
        return DEFAULT;
    }
}
