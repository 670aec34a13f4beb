#!/usr/bin/env bash
# Git over HTTP benchmark: Moot's /git/content.git against C git's own `git http-backend` behind
# nginx and fcgiwrap, serving the same repository on the same machine in the same run.
#
#   bench/git.sh [PAGES] [ROUNDS] [WARM-UP]   (defaults: 10000 pages, 5 rounds after 20 warm-up rounds)
#   MOOT_BENCH_SKIP_CLONE=1 measures pushes and fetches only (at 100,000 pages a clone takes minutes)
#   (the pushing and fetching repositories borrow the served repository's objects, so no clone is needed)
#   MOOT_BENCH_JAVA_OPTS=-XX:StartFlightRecording=filename=push.jfr,settings=profile records Moot's server
#
# Measures a full clone, a push of a one-page commit (Moot's includes validation and the
# permission check), and a fetch of that one commit into another clone; prints medians and ratios.
# The warm-up rounds are measured too and printed apart, without the target: a server just started
# spends much of both cores in the JIT compiler, and a site's server has usually run for days.
# Both repositories get a commit-graph written once before the run. Needs nginx and fcgiwrap
# (apt-get install nginx-light fcgiwrap). nginx runs its workers as the user running this script, so that
# they can read the repository and fcgiwrap's socket.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
rounds="${2:-5}"
warmup="${3:-20}"
out="$here/out"
work="$out/git-bench-$pages"
moot_port="${MOOT_BENCH_PORT:-18090}"
nginx_port=$((moot_port + 1))

. "$here/corpus.sh"
command -v fcgiwrap >/dev/null || { echo "fcgiwrap is missing: apt-get install fcgiwrap"; exit 1; }
rm -rf "$work" && mkdir -p "$work/cgit" "$work/site"
git clone -q --bare "$corpus/repo" "$work/site/content.git"
git clone -q --bare "$corpus/repo" "$work/cgit/content.git"
for repo in "$work/site/content.git" "$work/cgit/content.git"; do
  git -C "$repo" config core.commitGraph true
  git -C "$repo" commit-graph write --reachable
done
git -C "$work/cgit/content.git" config http.receivepack true
if [ -d "$out/search-site-$pages/index" ] && [ -d "$out/search-site-$pages/history" ]; then
  # The indexes bench/search.sh built for the same commits: the server starts without rebuilding them.
  cp -r "$out/search-site-$pages/index" "$out/search-site-$pages/history" "$work/site/"
fi
echo "repository: $pages pages, $(git -C "$work/site/content.git" rev-list --count main) commits"

"$root/moot" help >/dev/null   # builds the jar if needed
java ${MOOT_BENCH_JAVA_OPTS:-} -jar "$root/web/target/moot.jar" serve --site "$work/site" --port "$moot_port" >"$work/serve.log" 2>&1 &
server=$!
fcgiwrap -s "unix:$work/fcgiwrap.sock" &
fcgi=$!
cat >"$work/nginx.conf" <<NGINX
daemon off;
user '$(id -un)';
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$nginx_port;
    location ~ ^/git(/.*)$ {
      fastcgi_pass unix:$work/fcgiwrap.sock;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
      fastcgi_param GIT_PROJECT_ROOT $work/cgit;
      fastcgi_param GIT_HTTP_EXPORT_ALL 1;
      fastcgi_param PATH_INFO \$1;
      fastcgi_param REMOTE_USER bench;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" &
web=$!
trap 'kill $server $fcgi $web 2>/dev/null' EXIT
for _ in $(seq 1 6000); do grep -q "Moot is serving" "$work/serve.log" && break; sleep 0.1; done
token=$(java -jar "$root/web/target/moot.jar" user add bench --role editor --site "$work/site" | sed -n 's/^token: //p')
# The first start builds the site's indexes and graph in the background: wait until the server is idle.
idle=0
while [ "$idle" -lt 3 ]; do
  before=$(awk '{print $14 + $15}' /proc/$server/stat); sleep 1; after=$(awk '{print $14 + $15}' /proc/$server/stat)
  if [ $((after - before)) -lt 10 ]; then idle=$((idle + 1)); else idle=0; fi   # under 10% of a core for 3 s
done

python3 - "$work" "$moot_port" "$nginx_port" "$token" "$rounds" "$warmup" "${MOOT_BENCH_SKIP_CLONE:-}" <<'PY'
import os, shutil, statistics, subprocess, sys, time
work, moot_port, nginx_port, token, rounds, warmup, skip_clone = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.org")
servers = {"moot": f"http://bench:{token}@127.0.0.1:{moot_port}/git/content.git",
           "c git": f"http://127.0.0.1:{nginx_port}/git/content.git"}

def run(*args, cwd=None, input=None):
    t = time.perf_counter()
    out = subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True, input=input)
    return (time.perf_counter() - t) * 1000, out.stdout.decode().strip()

def timed(*args, cwd=None):
    return run(*args, cwd=cwd)[0]

times = {name: {} for name in servers}
for name, url in servers.items():
    base = os.path.join(work, name.replace(" ", "-"))
    if not skip_clone:
        times[name]["clone"] = []
        for i in range(min(rounds, 3)):
            shutil.rmtree(base + "-clone", ignore_errors=True)
            times[name]["clone"].append(timed("git", "clone", "-q", url, base + "-clone"))
    # The pushing and fetching repositories borrow the server's objects (git alternates) and start at its
    # main, so each round sends and receives just one commit; at 100,000 pages a clone takes minutes.
    served = os.path.join(work, "site" if name == "moot" else "cgit", "content.git")
    tip = run("git", "--git-dir", served, "rev-parse", "main")[1]
    for role in ("writer", "reader"):
        shutil.rmtree(f"{base}-{role}", ignore_errors=True)
        timed("git", "init", "-q", f"{base}-{role}")
        with open(f"{base}-{role}/.git/objects/info/alternates", "w") as f:
            f.write(os.path.join(served, "objects") + "\n")
        for args in (("remote", "add", "origin", url), ("update-ref", "refs/remotes/origin/main", tip),
                     ("update-ref", "refs/heads/main", tip), ("symbolic-ref", "HEAD", "refs/heads/main")):
            timed("git", *args, cwd=f"{base}-{role}")
    writer = base + "-writer"
    timed("git", "read-tree", "HEAD", cwd=writer)
    page = sorted(p for p in run("git", "ls-files", cwd=writer)[1].split() if p.endswith(".md") and "/" in p)[7]
    for op in ("push one-page commit", "fetch one commit"):
        times[name][op], times[name][op + ", warm-up"] = [], []
    for i in range(warmup + rounds):
        round_of = "" if i >= warmup else ", warm-up"
        text = run("git", "show", f"HEAD:{page}", cwd=writer)[1] + f"\nA line added by the benchmark, round {i}.\n"
        blob = run("git", "hash-object", "-w", "--stdin", cwd=writer, input=text.encode())[1]
        timed("git", "update-index", "--cacheinfo", f"100644,{blob},{page}", cwd=writer)
        tree = run("git", "write-tree", cwd=writer)[1]
        commit = run("git", "commit-tree", tree, "-p", "HEAD", "-m", f"Benchmark edit {i}", cwd=writer)[1]
        timed("git", "update-ref", "HEAD", commit, cwd=writer)
        times[name]["push one-page commit" + round_of].append(timed("git", "push", "-q", "origin", "HEAD:main", cwd=writer))
        times[name]["fetch one commit" + round_of].append(timed("git", "fetch", "-q", "origin", cwd=base + "-reader"))

print(f"{'operation':<32}{'moot (median)':>16}{'c git (median)':>18}{'ratio':>8}   target")
for op in [op for op in times["moot"] if times["moot"][op]]:
    m, c = statistics.median(times["moot"][op]), statistics.median(times["c git"][op])
    print(f"{op:<32}{m:13.0f} ms{c:15.0f} ms{m / c:7.2f}x   {'' if 'warm-up' in op else '<= 1.5x'}")
PY
