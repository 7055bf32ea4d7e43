#!/usr/bin/env bash
# Measures the pty relay: a child that writes 50 MB, run by `bin/launcher` and by
# `script -qc` (util-linux) on the same command. Prints a Markdown report with the throughput
# of each, with and without start-up, their ratios and the launcher's peak RSS.
#
# Usage: benchmarks/pty-relay.sh [IMAGE] [RUNS]   (defaults: packaging/target/launcher, 5)
#
# Each run's wall time and peak RSS come from GNU time (`/usr/bin/time -f '%e %M'`, Debian
# package time), whose RSS is the largest of the process and the descendants it waited for,
# here the JVM. Each command also runs the same child writing no bytes, so that its start-up
# and exit can be taken out: the relay throughput is bytes / (time with 50 MB - time with
# nothing). Runs alternate between the four commands and the medians are compared. Output
# goes to /dev/null in the timed runs, and one extra run of each counts the bytes relayed.
# HOME, LAUNCHER_HOME and CLAUDE_CONFIG_DIR point into a new temp folder with an imported
# made-up account, so no real account or file is touched.
set -euo pipefail

image=${1:-packaging/target/launcher}
runs=${2:-5}
if [[ ! -x $image/bin/launcher ]]; then
    echo "pty-relay.sh: no image at $image: build it with ./mvnw -B -DskipTests package" >&2
    exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "pty-relay.sh: /usr/bin/time not found: install it with apt-get install time" >&2
    exit 1
fi
image=$(cd "$image" && pwd -P)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
launcher=$image/bin/launcher

work=$(mktemp -d "${TMPDIR:-/tmp}/launcher-relay-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/config" "$work/import" "$work/store"
git init -q "$work/worktree"
export HOME=$work/home LAUNCHER_HOME=$work/store CLAUDE_CONFIG_DIR=$work/config

cat >"$work/import/.credentials.json" <<'JSON'
{"claudeAiOauth": {"accessToken": "sk-ant-oat01-made-up", "refreshToken": "sk-ant-ort01-made-up",
  "expiresAt": 1893456000000, "scopes": ["user:inference"], "subscriptionType": "max"}}
JSON
cat >"$work/import/.claude.json" <<'JSON'
{"oauthAccount": {"accountUuid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  "emailAddress": "alice@example.com", "displayName": "alice"}}
JSON
"$launcher" accounts import --provider claude --name work --from "$work/import" >/dev/null

bytes=$((50 * 1024 * 1024))
# 63 characters and a newline per line, as terminal output of a CLI might be.
line=0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmno
writer="yes $line | head -c $bytes"
# The same processes, writing nothing: what is left is start-up and exit.
idle="yes $line | head -c 0"
script_command=(script -qc "/bin/sh -c '$writer'" /dev/null)
script_idle_command=(script -qc "/bin/sh -c '$idle'" /dev/null)
launcher_command=("$launcher" --provider claude --account work --executable /bin/sh
    --worktree "$work/worktree" -- -c "$writer")
launcher_idle_command=("${launcher_command[@]:0:$((${#launcher_command[@]} - 1))}" "$idle")

# Appends "SECONDS KILOBYTES" of one run of the command in the other arguments to the file $1.
measure() {
    local file=$1
    shift
    /usr/bin/time -o "$work/time" -f '%e %M' "$@" </dev/null >/dev/null 2>"$work/stderr"
    cat "$work/time" >>"$file"
}

median() {
    sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'
}

script_bytes=$("${script_command[@]}" </dev/null | wc -c)
launcher_bytes=$("${launcher_command[@]}" </dev/null 2>/dev/null | wc -c)

for name in script launcher script-idle launcher-idle; do
    : >"$work/$name.txt"
done
for ((run = 1; run <= runs; run++)); do
    measure "$work/script.txt" "${script_command[@]}"
    measure "$work/launcher.txt" "${launcher_command[@]}"
    measure "$work/script-idle.txt" "${script_idle_command[@]}"
    measure "$work/launcher-idle.txt" "${launcher_idle_command[@]}"
done

seconds() {
    cut -d' ' -f1 "$work/$1.txt" | median
}
script_seconds=$(seconds script)
launcher_seconds=$(seconds launcher)
script_idle=$(seconds script-idle)
launcher_idle=$(seconds launcher-idle)
script_rss=$(cut -d' ' -f2 "$work/script.txt" | median)
launcher_rss=$(cut -d' ' -f2 "$work/launcher.txt" | median)
launcher_peak_rss=$(cut -d' ' -f2 "$work/launcher.txt" | sort -n | tail -n 1)

echo "## Pty relay, $(date -u +%Y-%m-%d)"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
    | head -n 1), Linux $(uname -r), $("$image/bin/java" -version 2>&1 | sed -n 2p)."
echo "Load average before the runs: $load_before; after them: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "The child writes $bytes bytes; the pty turns each LF into CR LF, so the relay carries"
echo "$launcher_bytes bytes through the launcher and $script_bytes through script. Medians of"
echo "$runs runs. The relay time is the wall time with 50 MB minus the wall time of the same"
echo "child writing nothing, so it leaves out start-up and exit. The goal of 0.9 is read against"
echo "the relay throughput, because start-up has its own benchmark and goal (launch.sh), and a"
echo "fixed start-up would otherwise count against the relay in proportion to the 50 MB."
echo
echo "| command | wall time | with no output | relay time | relay throughput |" \
    "whole-process throughput | peak RSS |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -v s="$script_seconds" -v si="$script_idle" -v l="$launcher_seconds" \
    -v li="$launcher_idle" -v sr="$script_rss" -v lr="$launcher_rss" -v b="$bytes" '
    function row(name, total, idle, rss) {
        relay = total - idle
        printf "| %s | %.2f s | %.2f s | %.2f s | %s | %.1f MB/s | %.1f MB |\n", name, total,
            idle, relay, (relay > 0 ? sprintf("%.1f MB/s", b / relay / 1e6) : "n/a"),
            b / total / 1e6, rss / 1024
    }
    BEGIN {
        row("script -qc", s, si, sr)
        row("bin/launcher", l, li, lr)
    }'
echo
awk -v s="$script_seconds" -v si="$script_idle" -v l="$launcher_seconds" \
    -v li="$launcher_idle" -v peak="$launcher_peak_rss" 'BEGIN {
    if (l - li > 0) {
        relay = (s - si) / (l - li)
        printf "Relay throughput of the launcher against script, start-up left out: %.2f", relay
        printf " (goal at least 0.9: %s).\n", (relay >= 0.9 ? "met" : "missed")
    } else {
        print "The launcher with 50 MB was not slower than with no output: no relay ratio."
    }
    printf "Whole-process throughput of the launcher against script, start-up included: %.2f.\n",
        s / l
    printf "Largest peak RSS of the launcher in %s: %.1f MB (goal at most 60 MB: %s).\n",
        "these runs", peak / 1024, (peak / 1024 <= 60 ? "met" : "missed")
}'
