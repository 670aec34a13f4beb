package org.moot.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code git} command line, isolated from the machine's own configuration and prompts. */
final class GitCli {

    /** The output (stdout and stderr) and exit code of one git command. */
    record Run(int exit, String output) {}

    private GitCli() {}

    /** Runs git in {@code dir} as {@code name <email>}, with {@code home} as its home folder. */
    static Run run(Path home, Path dir, String name, String email, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=" + name, "-c", "user.email=" + email,
                "-c", "init.defaultBranch=main", "-c", "credential.helper="));
        command.addAll(List.of(args));
        try {
            ProcessBuilder process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            process.environment().put("GIT_TERMINAL_PROMPT", "0");
            process.environment().put("HOME", home.toString());
            process.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            Process p = process.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(p.waitFor(), output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
