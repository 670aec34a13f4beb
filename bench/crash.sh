#!/usr/bin/env bash
# Crash safety at release size: the CI crash test (web/src/test/java/org/moot/web/CrashTest.java)
# with ROUNDS SIGKILLs instead of 4. Each round starts `moot serve` as its own process, streams
# page creations, edits, proposals and ballots from four writers and git pushes for review from a
# clone, kills it mid-stream, and every second round plants the lock files a crash leaves.
# Afterwards: every acknowledged write and push is there, nothing refused is, the search index has
# caught up, git fsck --full is clean, and a write goes through at once.
#
#   bench/crash.sh [ROUNDS]   (default 24)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rounds="${1:-24}"
cd "$root"
mvn -q -B -ntp -Dstyle.color=never install -DskipTests
mvn -B -ntp -Dstyle.color=never test -pl web -Dtest=CrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dmoot.crash.rounds="$rounds" \
  | grep -E "Tests run|FAIL|ERROR" | head -20
