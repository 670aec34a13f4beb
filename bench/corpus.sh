# Sourced by the bench scripts: makes the deterministic corpus once (../shared/bench/gen_corpus.py)
# and sets $corpus to it. Expects $here, $root, $out and $pages.
corpus="$out/corpus-$pages"
mkdir -p "$out"
if [ ! -d "$corpus/repo" ]; then
  echo "generating a $pages-page corpus (once)..."
  python3 "$root/../shared/bench/gen_corpus.py" --pages "$pages" --out "$corpus" >/dev/null
fi
