#!/usr/bin/env bash
# Published-edit benchmark on a 10,000-page site with about 54,000 commits.
#
#   bench/edit.sh [PAGES] [SINGLE_EDITS] [CONCURRENT_SECONDS] [WARM_UP_SECONDS]   (defaults: 10000 300 10 30)
#   MOOT_BENCH_SITE=/dev/shm/edit-site puts the site elsewhere (tmpfs: without this disk's file costs)
#
# The concurrent edits are timed after WARM_UP_SECONDS of the same editing, and also printed ten
# seconds at a time from the start: a JVM just started spends much of both cores in the JIT
# compiler for about a minute (bench/edit.sh 10000 50 60 0 shows it settle), and a site's server
# has usually run for days. Every edit of both parts is checked to be in main.
#
# The corpus is ../shared/bench/gen_corpus.py's (generated once, cached in bench/out/). Each run
# starts from a fresh bare clone, configured as `moot init` configures content.git (commit-graph).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
single="${2:-300}"
seconds="${3:-10}"
warmup="${4:-30}"
out="$here/out"
site="${MOOT_BENCH_SITE:-$out/edit-site-$pages}"

. "$here/corpus.sh"
rm -rf "$site" && mkdir -p "$site/private"
git clone -q --bare "$corpus/repo" "$site/content.git"
git -C "$site/content.git" config core.commitGraph true
git -C "$site/content.git" commit-graph write --reachable 2>/dev/null
echo "site: $pages pages, $(git -C "$site/content.git" rev-list --count main) commits"

(cd "$root" && mvn -q -B -ntp -Dstyle.color=never -DskipTests install -pl engine -am \
  && mvn -q -B -ntp -Dstyle.color=never test-compile -pl engine \
  && mvn -q -B -ntp -Dstyle.color=never dependency:build-classpath -pl engine -Dmdep.outputFile="$out/engine.classpath")
java -Xmx2g ${MOOT_BENCH_JAVA_OPTS:-} -cp "$root/engine/target/test-classes:$root/engine/target/classes:$(cat "$out/engine.classpath")" \
  org.moot.engine.bench.EditBench "$site" "$corpus/urls.txt" "$single" "$seconds" "$warmup"
