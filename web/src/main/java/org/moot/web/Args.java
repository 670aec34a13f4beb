package org.moot.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's words: {@code --name value} options (repeated ones joined by commas), {@code --flag} flags, and positional words. */
record Args(Map<String, String> options, List<String> positional) {

    private static final Set<String> FLAGS = Set.of("empty");

    static Args parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                String value = FLAGS.contains(name) || !hasValue ? "" : args[++i];
                // A repeated option gathers its values as a comma list; one that takes a single value then refuses it.
                options.merge(name, value, (first, next) -> first + "," + next);
            } else {
                positional.add(args[i]);
            }
        }
        return new Args(options, positional);
    }

    void allowOnly(String... names) {
        for (String name : options.keySet()) {
            if (!List.of(names).contains(name)) {
                throw new Main.UsageException("unknown option --" + name + "\n" + Main.USAGE);
            }
        }
    }

    String option(String name, String fallback) {
        String value = options.get(name);
        if (value != null && value.isEmpty()) {
            throw new Main.UsageException("--" + name + " needs a value");
        }
        return value == null ? fallback : value;
    }

    int intOption(String name, int fallback) {
        String value = option(name, String.valueOf(fallback));
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Main.UsageException("--" + name + " must be a port number, not '" + value + "'");
        }
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The positional words, exactly {@code names.length} of them. */
    List<String> words(String... names) {
        if (positional.size() != names.length) {
            throw new Main.UsageException("expected " + String.join(" ", names) + "\n" + Main.USAGE);
        }
        return positional;
    }
}
