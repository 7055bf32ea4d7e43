#!/usr/bin/env bash
# Measures the pty relay: a child that writes 50 MB, run by `bin/launcher` and by
# `script -qc` (util-linux) on the same command. Prints a Markdown report with the throughput
# ratio and the launcher's peak RSS.
#
# Usage: benchmarks/pty-relay.sh [IMAGE] [RUNS]   (defaults: packaging/target/launcher, 5)
#
# Each run's wall time and peak RSS come from GNU time (`/usr/bin/time -f '%e %M'`, Debian
# package time), whose RSS is the largest of the process and the descendants it waited for,
# here the JVM. Runs alternate between the two commands and the medians are compared. Output
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
writer="yes 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmno | head -c $bytes"
script_command=(script -qc "/bin/sh -c '$writer'" /dev/null)
launcher_command=("$launcher" --provider claude --account work --executable /bin/sh
    --worktree "$work/worktree" -- -c "$writer")

# Prints "SECONDS KILOBYTES" for one run of the command given as arguments.
measure() {
    /usr/bin/time -o "$work/time" -f '%e %M' "$@" </dev/null >/dev/null 2>"$work/stderr"
    cat "$work/time"
}

median() {
    sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'
}

script_bytes=$("${script_command[@]}" </dev/null | wc -c)
launcher_bytes=$("${launcher_command[@]}" </dev/null 2>/dev/null | wc -c)

: >"$work/script.txt"
: >"$work/launcher.txt"
for ((run = 1; run <= runs; run++)); do
    measure "${script_command[@]}" >>"$work/script.txt"
    measure "${launcher_command[@]}" >>"$work/launcher.txt"
done

script_seconds=$(cut -d' ' -f1 "$work/script.txt" | median)
launcher_seconds=$(cut -d' ' -f1 "$work/launcher.txt" | median)
script_rss=$(cut -d' ' -f2 "$work/script.txt" | median)
launcher_rss=$(cut -d' ' -f2 "$work/launcher.txt" | median)
launcher_peak_rss=$(cut -d' ' -f2 "$work/launcher.txt" | sort -n | tail -n 1)

echo "## Pty relay, $(date -u +%Y-%m-%d)"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
    | head -n 1), Linux $(uname -r), $("$image/bin/java" -version 2>&1 | sed -n 2p)."
echo
echo "The child writes $bytes bytes; the pty turns each LF into CR LF, so the relay carries"
echo "$launcher_bytes bytes through the launcher and $script_bytes through script. Medians of"
echo "$runs runs."
echo
echo "| command | wall time | throughput | peak RSS |"
echo "| --- | --- | --- | --- |"
awk -v s="$script_seconds" -v l="$launcher_seconds" -v sr="$script_rss" -v lr="$launcher_rss" \
    -v b="$bytes" 'BEGIN {
        printf "| script -qc | %.2f s | %.1f MB/s | %.1f MB |\n", s, b / s / 1e6, sr / 1024
        printf "| bin/launcher | %.2f s | %.1f MB/s | %.1f MB |\n", l, b / l / 1e6, lr / 1024
    }'
echo
awk -v s="$script_seconds" -v l="$launcher_seconds" -v peak="$launcher_peak_rss" 'BEGIN {
    ratio = s / l
    printf "Throughput of the launcher against script: %.2f (goal at least 0.9: %s).\n",
        ratio, (ratio >= 0.9 ? "met" : "missed")
    printf "Largest peak RSS of the launcher in %s: %.1f MB (goal at most 60 MB: %s).\n",
        "these runs", peak / 1024, (peak / 1024 <= 60 ? "met" : "missed")
}'
