#!/usr/bin/env bash
# Search benchmark: the full index build a site does on first start, 200 queries from the corpus's
# own words (p50, p99), and the heap in use, each printed beside its target.
#
#   bench/search.sh [PAGES]   (default: 10000)
#
# The corpus is ../shared/bench/gen_corpus.py's (generated once, cached in bench/out/). Each run
# starts from a fresh bare clone, so the index is built from nothing. To time only the queries on
# the index the last run left, run SearchBench directly with MOOT_BENCH_QUERIES_ONLY=1 (see the
# java line at the end).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
out="$here/out"
site="$out/search-site-$pages"

. "$here/corpus.sh"
rm -rf "$site" && mkdir -p "$site/private"
git clone -q --bare "$corpus/repo" "$site/content.git"
git -C "$site/content.git" config core.commitGraph true
echo "site: $pages pages, $(git -C "$site/content.git" rev-list --count main) commits"

(cd "$root" && mvn -q -B -ntp -Dstyle.color=never -DskipTests install -pl engine -am \
  && mvn -q -B -ntp -Dstyle.color=never test-compile -pl engine \
  && mvn -q -B -ntp -Dstyle.color=never dependency:build-classpath -pl engine -Dmdep.outputFile="$out/engine.classpath")
# 2 GB, as bench/edit.sh and bench/branches.sh: with the ~470 MB a 100,000-page site keeps in a 1 GB heap, the
# collector marks the heap without pause and takes one of this machine's two cores from searches.
java -Xmx2g -cp "$root/engine/target/test-classes:$root/engine/target/classes:$(cat "$out/engine.classpath")" \
  org.moot.engine.bench.SearchBench "$site" "$corpus/urls.txt"
