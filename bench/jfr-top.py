#!/usr/bin/env python3
"""Summarises a JFR recording: the hottest frames of the CPU samples (top frame and the first
org.moot frame), and where threads waited (parks and monitor waits, by total time).

    bench/jfr-top.py FILE.jfr
"""
import collections, json, re, subprocess, sys

f = sys.argv[1]

def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", kind, f],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]

def frames(e):
    st = e["values"].get("stackTrace") or {}
    return [fr["method"]["type"]["name"].replace("/", ".") + "." + fr["method"]["name"] for fr in st.get("frames", [])]

def moot(fs):
    """The innermost three of our own frames (lambdas skipped): where in Moot the time is spent."""
    own = [x.replace("org.moot.", "") for x in fs if x.startswith("org.moot") and "$$Lambda" not in x]
    return " < ".join(own[:3]) or "-"

def secs(d):  # ISO-8601 duration like PT0.0123S or PT1M2.5S
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", d)
    return int(m[1] or 0) * 3600 + int(m[2] or 0) * 60 + float(m[3] or 0) if m else 0.0

samples = events("jdk.ExecutionSample")
print(f"CPU samples: {len(samples)}")
for title, key in (("top frame", lambda fs: fs[0] if fs else "-"), ("first org.moot frame", moot)):
    c = collections.Counter(key(frames(e)) for e in samples)
    print(f"-- by {title}")
    for k, n in c.most_common(15):
        print(f"{n:6d} {100.0 * n / max(1, len(samples)):5.1f}%  {k}")
for kind in ("jdk.ThreadPark", "jdk.JavaMonitorEnter"):
    waits = collections.defaultdict(float)
    for e in events(kind):
        fs = frames(e)
        where = moot(fs) if moot(fs) != "-" else (fs[0] if fs else "-")
        waits[where] += secs(e["values"].get("duration", "PT0S"))
    print(f"-- {kind}: total wait by first org.moot frame (s)")
    for k, v in sorted(waits.items(), key=lambda kv: -kv[1])[:10]:
        print(f"{v:9.2f}  {k}")
