#!/usr/bin/env bash
# Import benchmark: `moot import` of the generated corpus's Git history, against C git rewriting the
# same history through `git fast-export | git fast-import`, in the same run. Prints both and the ratio.
#
#   bench/import.sh [PAGES]   (default: 10000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pages="${1:-10000}"
out="$here/out"
work="$out/import-bench-$pages"

. "$here/corpus.sh"
rm -rf "$work" && mkdir -p "$work"
commits=$(git -C "$corpus/repo" rev-list --count main)
files=$(git -C "$corpus/repo" ls-tree -r --name-only main | wc -l)
echo "source: $commits commits, $files files at the tip"
"$root/moot" help >/dev/null   # builds the jar if needed

start=$(date +%s.%N)
git init -q --bare "$work/c-git.git"
(cd "$corpus/repo" && git fast-export --all) | git -C "$work/c-git.git" fast-import --quiet
c_git=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
MOOT_ADMIN_PASSWORD=bench-password java -jar "$root/web/target/moot.jar" import "$corpus/repo" --site "$work/site" | tail -4
moot=$(echo "$(date +%s.%N) - $start" | bc)

printf '%-44s %8.1f s  (%.0f commits/s)\n' "C git: fast-export | fast-import" "$c_git" "$(echo "$commits / $c_git" | bc -l)"
printf '%-44s %8.1f s  (%.0f commits/s)\n' "moot import (whole command, JVM start included)" "$moot" "$(echo "$commits / $moot" | bc -l)"
printf '%-44s %8.2fx  target <= 3x\n' "ratio" "$(echo "$moot / $c_git" | bc -l)"
