#!/usr/bin/env bash
# Page views under load: wrk -t2 -c16 on one hot page and on random pages, against Moot and against
# nginx serving the very same HTML (fetched from Moot first) on the same machine in the same run.
#
#   bench/page-wrk.sh [PAGES] [SECONDS]   (defaults: 10000 pages, 10 s per run)
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light). The corpus is gen_corpus.py's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
secs="${2:-10}"
out="$here/out"
site="$out/wrk-site-$pages"
html="$out/wrk-html-$pages"
port="${MOOT_BENCH_PORT:-18080}"
nport=$((port + 1))

. "$here/corpus.sh"
rm -rf "$site" "$html" && mkdir -p "$site" "$html/wiki"
git clone -q --bare "$corpus/repo" "$site/content.git"

"$root/moot" help >/dev/null   # builds the jar if needed
java ${MOOT_BENCH_JAVA_OPTS:-} -jar "$root/web/target/moot.jar" serve --site "$site" --port "$port" >"$out/wrk-serve.log" 2>&1 &
server=$!
cat >"$out/nginx.conf" <<NGINX
worker_processes 2;
pid $out/nginx.pid;
error_log $out/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  server {
    listen 127.0.0.1:$nport;
    root $html;
    location /wiki/ { default_type "text/html; charset=utf-8"; try_files \$uri.html =404; }
  }
}
NGINX
nginx -c "$out/nginx.conf" -p "$out"
trap 'kill $server 2>/dev/null; nginx -c "$out/nginx.conf" -p "$out" -s stop 2>/dev/null' EXIT
for _ in $(seq 1 18000); do   # the first start builds the indexes
  grep -q "Moot is serving" "$out/wrk-serve.log" && break
  sleep 0.1
done

# Every page once from Moot: this warms Moot's cache and gives nginx the same bytes to serve.
python3 - "$port" "$corpus/urls.txt" "$html" <<'PY'
import os, sys, time, urllib.request
port, urls_file, html = int(sys.argv[1]), sys.argv[2], sys.argv[3]
urls = [u.strip() for u in open(urls_file) if u.strip()]
t = time.perf_counter()
size = 0
for u in urls:
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/wiki/{u}").read()
    size += len(body)
    path = os.path.join(html, "wiki", u + ".html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(body)
print(f"fetched {len(urls)} pages from Moot in {time.perf_counter() - t:.1f} s, {size / len(urls) / 1024:.1f} KB each on average")
PY

cat >"$out/random.lua" <<LUA
local paths = {}
for line in io.lines("$corpus/urls.txt") do paths[#paths + 1] = "/wiki/" .. line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
hot="/wiki/$(head -1 "$corpus/urls.txt")"
run() { wrk -t2 -c16 -d"${secs}s" --latency "$@" 2>&1; }
# The JIT needs about half a minute of load before the figures settle (C2 compiles on one core).
wrk -t2 -c16 -d30s "http://127.0.0.1:$port$hot" >/dev/null
wrk -t2 -c16 -d15s -s "$out/random.lua" "http://127.0.0.1:$port" >/dev/null
run "http://127.0.0.1:$port$hot" >"$out/wrk-moot-hot.txt"
run "http://127.0.0.1:$nport$hot" >"$out/wrk-nginx-hot.txt"
run -s "$out/random.lua" "http://127.0.0.1:$port" >"$out/wrk-moot-random.txt"
run -s "$out/random.lua" "http://127.0.0.1:$nport" >"$out/wrk-nginx-random.txt"

python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def read(name):
    text = open(f"{out}/wrk-{name}.txt").read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    value, unit = re.search(r"\s50%\s+([\d.]+)(us|ms|s)", text).groups()
    p50 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rate, p50, int(errors.group(1)) if errors else 0
for kind, share in (("hot", 0.40), ("random", 0.25)):
    m, n = read(f"moot-{kind}"), read(f"nginx-{kind}")
    print(f"{kind + ' page':<12} Moot {m[0]:9.0f}/s p50 {m[1]:6.2f} ms | nginx {n[0]:9.0f}/s p50 {n[1]:6.2f} ms"
          f" | Moot/nginx {m[0] / n[0]:6.1%} (target >= {share:.0%}), p50 target < 2 ms"
          + (f" | NON-2xx: Moot {m[2]}, nginx {n[2]}" if m[2] or n[2] else ""))
PY
