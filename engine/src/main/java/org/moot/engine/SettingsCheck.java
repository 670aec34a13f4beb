package org.moot.engine;

import java.util.List;
import org.moot.engine.access.Roles;
import org.moot.engine.read.SiteSettings;
import org.moot.schema.Violation;

/**
 * The files in {@code .moot/} that Moot reads, each checked as strictly as a page: {@code moot check},
 * and every way content reaches {@code main}, refuse a settings file that does not read cleanly.
 */
public final class SettingsCheck {

    private SettingsCheck() {}

    public static boolean isSettings(String path) {
        return path.startsWith(".moot/");
    }

    /** The problems of one file under {@code .moot/}; files Moot does not read have none. */
    public static List<Violation> check(String path, String text) {
        return switch (path) {
            case Roles.PATH -> Roles.read(text).problems();
            case SiteSettings.PATH -> SiteSettings.read(text).problems();
            case org.moot.engine.talk.WordFilter.PATH -> org.moot.engine.talk.WordFilter.read(text).problems();
            case org.moot.engine.govern.GovernanceSettings.PATH -> org.moot.engine.govern.GovernanceSettings.read(text).problems();
            default -> List.of();
        };
    }
}
