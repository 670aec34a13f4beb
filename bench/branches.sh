#!/usr/bin/env bash
# Many open edit branches, over HTTP: /proposals and a member's page with BRANCHES open branches
# (most from 409s), against the 50 ms target; then CLIENTS clients saving one-page edits at once.
#
#   bench/branches.sh [PAGES] [BRANCHES] [CLIENTS] [SECONDS]   (defaults: 2000 2000 32 20)
#   MOOT_BENCH_JAVA_OPTS=-Dbench.jfr=bench/out/edits.jfr bench/branches.sh   (JFR of the concurrent edits only)
#
# The corpus is ../shared/bench/gen_corpus.py's (made once, cached in bench/out/). Each run starts
# from a fresh bare clone, configured as `moot init` configures content.git (commit-graph).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-2000}"
branches="${2:-2000}"
clients="${3:-32}"
seconds="${4:-20}"
out="$here/out"
site="$out/branches-site-$pages"

. "$here/corpus.sh"
rm -rf "$site" && mkdir -p "$site/private"
git clone -q --bare "$corpus/repo" "$site/content.git"
git -C "$site/content.git" config core.commitGraph true
git -C "$site/content.git" config core.logAllRefUpdates true
git -C "$site/content.git" commit-graph write --reachable 2>/dev/null
echo "site: $pages pages, $(git -C "$site/content.git" rev-list --count main) commits"

(cd "$root" && mvn -q -B -ntp -Dstyle.color=never test-compile dependency:build-classpath -pl web -am \
  -Dmdep.outputFile="$out/web.classpath")
cp="$root/web/target/test-classes:$root/web/target/classes:$root/engine/target/classes:$root/content-schema/target/classes"
java -Xmx2g ${MOOT_BENCH_JAVA_OPTS:-} -cp "$cp:$(cat "$out/web.classpath")" \
  org.moot.web.bench.BranchesBench "$site" "$corpus/urls.txt" "$branches" "$clients" "$seconds"
