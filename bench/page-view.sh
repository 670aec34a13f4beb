#!/usr/bin/env bash
# Page-view benchmark: serves a generated corpus and measures cold and cached page views.
#
#   bench/page-view.sh [PAGES] [SAMPLES] [COMMITS]   (defaults: 10000 pages, 300 samples, 5 commits)
#   MOOT_BENCH_REUSE=1 keeps the site (and its indexes) of the last run instead of a fresh clone.
#
# The corpus comes from ../shared/bench/gen_corpus.py (deterministic: same pages, same commits),
# is cached under bench/out/, and becomes a site by a bare clone into site/content.git.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
samples="${2:-300}"
commits="${3:-5}"
out="$here/out"
site="$out/site-$pages"
port="${MOOT_BENCH_PORT:-18080}"

. "$here/corpus.sh"
if [ -n "${MOOT_BENCH_REUSE:-}" ] && [ -d "$site/content.git" ]; then
  echo "reusing $site and its indexes (MOOT_BENCH_REUSE)"
else
  rm -rf "$site" && mkdir -p "$site"
  git clone -q --bare "$corpus/repo" "$site/content.git"
fi

"$root/moot" help >/dev/null   # builds the jar if needed
java ${MOOT_BENCH_JAVA_OPTS:-} -jar "$root/web/target/moot.jar" serve --site "$site" --port "$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 18000); do   # the first start builds the indexes: up to 30 minutes at 100,000 pages
  grep -q "Moot is serving" "$out/serve.log" && break
  sleep 0.1
done

python3 - "$port" "$corpus/urls.txt" "$samples" "$site/content.git" "$commits" <<'PY'
import os, random, subprocess, sys, tempfile, time, urllib.request
port, urls_file, samples, content, commits = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
urls = [u.strip() for u in open(urls_file) if u.strip()]
random.Random(1).shuffle(urls)
base = f"http://127.0.0.1:{port}/wiki/"

def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(base + path) as r:
        body = r.read()
        assert r.status == 200, (path, r.status)
    return (time.perf_counter() - t) * 1000, len(body)

def report(name, ms):
    ms = sorted(ms)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
    print(f"{name:<44} n={len(ms):<5} p50={p(0.5):8.2f} ms  p95={p(0.95):8.2f} ms  max={ms[-1]:8.2f} ms")
    return p(0.5)

cold, size = get(urls[0])
print(f"{'cold: first view after start (builds graph)':<44} {cold:8.1f} ms  ({size} bytes)")
first = report("first view of a page (graph warm, render)", [get(u)[0] for u in urls[1:samples + 1]])
cached = report("repeat view of the same pages (cached)", [get(u)[0] for u in urls[1:samples + 1]])
t = time.perf_counter()
n = 0
while time.perf_counter() - t < 5:
    get(urls[1 + n % samples]); n += 1
rate = n / (time.perf_counter() - t)
print(f"{'cached views, one client, 5 s':<44} {rate:8.0f} views/s")

# A new commit on main (as a push would make): the next view builds the new tree's graph,
# re-reading only the changed file; every other file's parse is cached by its blob id.
def push_one_change(i):
    # Plumbing straight into content.git, as a push would land (a clone of a 100,000-file tree
    # would cost more than everything measured here).
    env = dict(os.environ, GIT_INDEX_FILE=os.path.join(tempfile.mkdtemp(), "index"),
               GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="b@e.org", GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="b@e.org")
    git = lambda *a, data=None: subprocess.run(["git", "-C", content, *a], check=True, capture_output=True,
                                                env=env, input=data).stdout.decode().strip()
    tip = git("rev-parse", "main")
    path = urls[i] + ".md"
    text = git("cat-file", "blob", f"{tip}:{path}") + f"\nEdited by the benchmark, round {i}.\n"
    blob = git("hash-object", "-w", "--stdin", data=text.encode())
    git("read-tree", tip)
    git("update-index", "--cacheinfo", f"100644,{blob},{path}")
    commit = git("commit-tree", git("write-tree"), "-p", tip, "-m", f"bench edit {i}")
    git("update-ref", "refs/heads/main", commit, tip)
# The first request after a push is the one that notices it: the gate announces the new commit
# (search index and path index updated) before that request is answered.
first_after, other, edited = [], [], []
for i in range(commits):
    push_one_change(1 + samples + i)
    first_after.append(get(urls[1 + i])[0])        # a page seen before the commit, not the one changed
    other.append(get(urls[101 + i])[0])            # another such page, once the commit is announced
    edited.append(get(urls[1 + samples + i])[0])   # the page the commit changed
report("first request after a push (announces it)", first_after)
after = report("first view after a commit (another page)", other)
report("first view after a commit (the changed page)", edited)
print(f"ratios: cold/cached p50 = {cold / cached:.0f}x, first-render/cached p50 = {first / cached:.1f}x, "
      f"after-commit/cached p50 = {after / cached:.1f}x (target <= 10x)")

# A page's history: Moot's /history/<id> against C git's log of the same file on the same
# repository, with a commit-graph holding changed-path Bloom filters (process start included).
subprocess.run(["git", "-C", content, "commit-graph", "write", "--reachable", "--changed-paths"], check=True)
moot_ms, git_ms = [], []
for u in urls[1:51]:
    t = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/history/{u}") as r:
        r.read()
    moot_ms.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    subprocess.run(["git", "-C", content, "log", "--first-parent", "--format=%H %an %s", "main", "--", u + ".md"],
                   check=True, capture_output=True)
    git_ms.append((time.perf_counter() - t) * 1000)
h = report("/history/<id> (Moot, over HTTP)", moot_ms)
g = report("git log --first-parent -- <path> (C git)", git_ms)
print(f"ratio: Moot/C git p50 = {h / g:.2f} (target <= 1)")
PY
