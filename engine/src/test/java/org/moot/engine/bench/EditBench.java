package org.moot.engine.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.edit.EditRequest;
import org.moot.engine.git.Repo;
import org.moot.schema.PageId;

/**
 * Published-edit benchmark (not a test): run by {@code bench/edit.sh}. Measures one save that
 * publishes (validate, commit on the edit's branch, merge, compare-and-swap of main) one at a
 * time, then eight editors saving different pages at once, and checks that no edit was lost.
 */
public final class EditBench {

    public static void main(String[] args) throws Exception {
        Path site = Path.of(args[0]);
        List<String> urls = new ArrayList<>(Files.readAllLines(Path.of(args[1])));
        int single = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        // Concurrent editing before the timed part: the JIT takes much of both cores in a JVM's first
        // minute, and a site's server has usually run for days (bench/git.sh and SearchBench warm up too).
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Collections.shuffle(urls, new Random(7));
        try (Site moot = Site.open(new SiteFolder(site), Site.Config.DEFAULT); Repo repo = Repo.open(site.resolve("content.git"))) {
            User editor = user(0);
            for (int i = 0; i < 30; i++) { // warm-up: class loading and JIT
                edit(moot, repo, editor, urls.get(i), "warm-up " + i);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < single; i++) {
                EditRequest request = request(repo, urls.get(100 + i), "single " + i);
                long start = System.nanoTime();
                EditOutcome outcome = moot.edits().save(editor, request);
                times.add((System.nanoTime() - start) / 1e6);
                if (!(outcome instanceof EditOutcome.Merged)) {
                    throw new IllegalStateException("edit " + i + " was not merged: " + outcome);
                }
            }
            Collections.sort(times);
            double p50 = times.get(times.size() / 2);
            double p95 = times.get((int) (times.size() * 0.95));
            System.out.printf("one published edit, one at a time   n=%d  p50=%.1f ms  p95=%.1f ms  max=%.1f ms  (target p50 < 50 ms: %.2fx of budget)%n",
                    single, p50, p95, times.get(times.size() - 1), p50 / 50.0);

            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            int editors = 8;
            ExecutorService pool = Executors.newFixedThreadPool(editors);
            ConcurrentLinkedQueue<String[]> merged = new ConcurrentLinkedQueue<>();
            AtomicInteger conflicts = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(warmup + seconds);
            // Each editor's own pages: a slice of the second half of the corpus (the first half had the single edits).
            int slice = Math.max(1, urls.size() / 2 / editors);
            List<java.util.concurrent.Future<Object>> editing = new ArrayList<>();
            for (int t = 0; t < editors; t++) {
                int thread = t;
                editing.add(pool.submit(() -> {
                    User me = user(thread + 1);
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        // Each editor works on its own pages: different pages, so every edit should merge.
                        String page = urls.get(urls.size() / 2 + thread * slice + i % slice);
                        String line = "concurrent " + thread + "/" + i;
                        EditOutcome outcome = edit(moot, repo, me, page, line);
                        if (outcome instanceof EditOutcome.Merged m) {
                            merged.add(new String[] {page, line, m.revision()});
                        } else if (outcome instanceof EditOutcome.Conflicted) {
                            conflicts.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            // Every ten seconds, that window's rate and CPU: the JIT compiler takes much of both cores
            // in the first minute, so the later windows show what a server that has run a while does.
            long[] last = {start, cpuBefore, 0};
            Runnable window = () -> {
                long now = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                int count = merged.size();
                System.out.printf("  %3.0f-%3.0f s: %3.0f edits/s, %s ms CPU per edit%n", (last[0] - start) / 1e9, (now - start) / 1e9,
                        (count - last[2]) / ((now - last[0]) / 1e9),
                        count == last[2] ? "-" : String.format("%.1f", (cpu - last[1]) / 1e6 / (count - last[2])));
                last[0] = now;
                last[1] = cpu;
                last[2] = count;
            };
            var windows = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "edit-bench-windows");
                thread.setDaemon(true);
                return thread;
            });
            windows.scheduleAtFixedRate(window, 10, 10, TimeUnit.SECONDS);
            long[] timed = {start, cpuBefore, 0}; // where the timed part starts: time, CPU, edits so far
            windows.schedule(() -> {
                timed[0] = System.nanoTime();
                timed[1] = os.getProcessCpuTime();
                timed[2] = merged.size();
            }, warmup, TimeUnit.SECONDS);
            pool.shutdown();
            pool.awaitTermination(warmup + seconds + 60L, TimeUnit.SECONDS);
            for (var running : editing) {
                running.get(); // an editor that failed fails the run, rather than only slowing it
            }
            windows.shutdown();
            windows.awaitTermination(10, TimeUnit.SECONDS);
            window.run(); // the last, shorter window: edits that finished after the last tick
            double elapsed = (System.nanoTime() - timed[0]) / 1e9;
            long published = merged.size() - timed[2];
            double rate = published / elapsed;
            // The process's CPU (every thread, the collector's too) for each edit: what bounds the rate once the cores are busy.
            double cpuPerEdit = (os.getProcessCpuTime() - timed[1]) / 1e6 / published;
            System.out.printf("CPU per published edit, all threads  %.1f ms  (%d cores: at most %.0f edits/s)%n", cpuPerEdit,
                    os.getAvailableProcessors(), os.getAvailableProcessors() * 1000 / cpuPerEdit);
            System.out.printf("%d concurrent editors, different pages  %.1f s after %d s of warm-up  published=%d  conflicts=%d  other=%d"
                    + "  %.0f edits/s  (target >= 100/s: %.2fx)%n",
                    editors, elapsed, warmup, published, conflicts.get(), other.get(), rate, rate / 100.0);

            // Every edit's merge is on main's first-parent line, each its own commit: one walk finds them all.
            var tip = repo.main().orElseThrow();
            java.util.Set<String> onMain = new java.util.HashSet<>();
            java.util.Optional<org.eclipse.jgit.lib.ObjectId> at = java.util.Optional.of(tip.commit());
            for (int i = 0, steps = merged.size() + 1_000; i <= steps && at.isPresent(); i++) {
                onMain.add(at.get().name());
                at = repo.parent(at.get());
            }
            int lost = 0;
            for (String[] m : merged) {
                String text = new String(repo.read(repo.blobAt(tip, m[0] + ".md").orElseThrow()), StandardCharsets.UTF_8);
                if (!text.contains(m[1] + "\n") || !onMain.contains(m[2])) {
                    lost++;
                }
            }
            System.out.printf("lost edits: %d of %d published (each checked in main's text and history)%n", lost, merged.size());
            if (lost > 0) {
                System.exit(1);
            }
        }
    }

    private static EditOutcome edit(Site site, Repo repo, User user, String page, String line) {
        return site.edits().save(user, request(repo, page, line));
    }

    /** What an editor would send: the page as of the current main, with one line added. */
    private static EditRequest request(Repo repo, String page, String line) {
        var base = repo.main().orElseThrow();
        String text = new String(repo.read(repo.blobAt(base, page + ".md").orElseThrow()), StandardCharsets.UTF_8);
        return EditRequest.of(PageId.of(page), text + "\n" + line + "\n", Optional.of(base.revision()), line);
    }

    private static User user(int n) {
        return new User("bench" + n, "Bench " + n, EnumSet.of(Role.READER, Role.MEMBER, Role.EDITOR));
    }
}
