#!/usr/bin/env bash
# Git over HTTP benchmark: Moot's /git/content.git against C git's own `git http-backend` behind
# nginx and fcgiwrap, serving the same repository on the same machine in the same run.
#
#   bench/git.sh [PAGES] [ROUNDS]   (defaults: 10000 pages, 5 rounds)
#
# Measures a full clone, a push of a one-page commit (Moot's includes validation and the
# permission check), and a fetch of that one commit into another clone; prints medians and ratios.
# Both repositories get a commit-graph written once before the run. Needs nginx and fcgiwrap
# (apt-get install nginx-light fcgiwrap).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
rounds="${2:-5}"
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
echo "repository: $pages pages, $(git -C "$work/site/content.git" rev-list --count main) commits"

"$root/moot" help >/dev/null   # builds the jar if needed
java -jar "$root/web/target/moot.jar" serve --site "$work/site" --port "$moot_port" >"$work/serve.log" 2>&1 &
server=$!
fcgiwrap -s "unix:$work/fcgiwrap.sock" &
fcgi=$!
cat >"$work/nginx.conf" <<NGINX
daemon off;
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
sleep 40   # the first start builds the site's indexes in the background; let them finish before timing

python3 - "$work" "$moot_port" "$nginx_port" "$token" "$rounds" <<'PY'
import os, shutil, statistics, subprocess, sys, time
work, moot_port, nginx_port, token, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.org")
servers = {"moot": f"http://bench:{token}@127.0.0.1:{moot_port}/git/content.git",
           "c git": f"http://127.0.0.1:{nginx_port}/git/content.git"}

def run(*args, cwd=None):
    t = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000

times = {name: {"clone": [], "push one-page commit": [], "fetch one commit": []} for name in servers}
for name, url in servers.items():
    base = os.path.join(work, name.replace(" ", "-"))
    for i in range(min(rounds, 3)):
        shutil.rmtree(base + "-clone", ignore_errors=True)
        times[name]["clone"].append(run("git", "clone", "-q", url, base + "-clone"))
    shutil.rmtree(base + "-reader", ignore_errors=True)
    run("git", "clone", "-q", url, base + "-reader")
    writer = base + "-clone"
    page = sorted(p for p in subprocess.run(["git", "ls-files", "*.md"], cwd=writer, capture_output=True, text=True).stdout.split()
                  if p.count("/") >= 1)[7]
    for i in range(rounds):
        with open(os.path.join(writer, page), "a") as f:
            f.write(f"\nA line added by the benchmark, round {i}.\n")
        run("git", "commit", "-q", "-am", f"Benchmark edit {i}", cwd=writer)
        times[name]["push one-page commit"].append(run("git", "push", "-q", "origin", "HEAD:main", cwd=writer))
        times[name]["fetch one commit"].append(run("git", "fetch", "-q", "origin", cwd=base + "-reader"))

print(f"{'operation':<26}{'moot (median)':>16}{'c git (median)':>18}{'ratio':>8}   target")
for op in times["moot"]:
    m, c = statistics.median(times["moot"][op]), statistics.median(times["c git"][op])
    print(f"{op:<26}{m:13.0f} ms{c:15.0f} ms{m / c:7.2f}x   <= 1.5x")
PY
