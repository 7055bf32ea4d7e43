#!/usr/bin/env bash
# Measures the start-up of a whole launch: `bin/launcher --provider claude --executable /bin/true`
# with a no-op sync of an imported account, the spawn of /bin/true in a pty and its exit. Prints
# a Markdown report.
#
# Usage: benchmarks/launch.sh [IMAGE]   (IMAGE defaults to packaging/target/launcher)
#
# Each command is the median of 20 runs after 3 warm-up runs, timed by hyperfine (Debian package
# hyperfine) without a shell. Two baselines are measured in the same run: the image's own
# `bin/java -version`, and `script -qc /bin/true /dev/null` (Debian package bsdutils), which
# spawns /bin/true in a pty natively. HOME, LAUNCHER_HOME and CLAUDE_CONFIG_DIR point into a new temp
# folder, so no real account or file is touched. The report also checks that the no-op syncs
# left the synced files alone (same inode, size and modification time).
#
# One variant runs a copy of the image whose AOT cache was recorded by a training run of this
# same launch, instead of the `--help` that the build trains on, to show what the cache can give.
# The last runs the launch inside `script -qc`, so that standard input and output are a terminal
# and the launcher puts it in raw mode, as it does for a user. That variant pays for script's own
# pty too, so compare it with the script baseline as well as with the plain launch.
set -euo pipefail

image=${1:-packaging/target/launcher}
if [[ ! -x $image/bin/launcher ]]; then
    echo "launch.sh: no image at $image: build it with ./mvnw -B -DskipTests package" >&2
    exit 1
fi
for tool in hyperfine:hyperfine script:bsdutils git:git; do
    if ! command -v "${tool%%:*}" >/dev/null; then
        echo "launch.sh: ${tool%%:*} not found: install it with apt-get install ${tool#*:}" >&2
        exit 1
    fi
done
image=$(cd "$image" && pwd -P)
launcher=$image/bin/launcher

work=$(mktemp -d "${TMPDIR:-/tmp}/launcher-launch-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/config" "$work/import" "$work/store"
git init -q "$work/worktree"
export HOME=$work/home LAUNCHER_HOME=$work/store CLAUDE_CONFIG_DIR=$work/config

# A made-up login in the layout of Claude Code 2.1: .credentials.json and .claude.json.
cat >"$work/import/.credentials.json" <<'JSON'
{
  "claudeAiOauth": {
    "accessToken": "sk-ant-oat01-made-up-access-token",
    "refreshToken": "sk-ant-ort01-made-up-refresh-token",
    "expiresAt": 1893456000000,
    "scopes": ["user:inference", "user:profile"],
    "subscriptionType": "max",
    "rateLimitTier": "default_claude_max_20x"
  }
}
JSON
cat >"$work/import/.claude.json" <<'JSON'
{
  "numStartups": 12,
  "oauthAccount": {
    "accountUuid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "emailAddress": "alice@example.com",
    "organizationUuid": "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809",
    "organizationName": "Example Org",
    "displayName": "alice",
    "billingType": "stripe_subscription"
  }
}
JSON
"$launcher" accounts import --provider claude --name work --from "$work/import" >/dev/null
"$launcher" sync --provider claude --account work >/dev/null
files_before=$(stat -c '%n %i %s %Y.%y' "$work/config/.credentials.json" "$work/config/.claude.json")

# The copy of the image with the cache trained on a launch.
trained=$work/trained-image
cp -R "$image" "$trained"
rm -f "$trained/lib/launcher.aot"
launch=("--provider" "claude" "--account" "work" "--executable" "/bin/true"
    "--worktree" "$work/worktree")
quoted_launch=$(printf " '%s'" "${launch[@]}")
LAUNCHER_JAVA_OPTS=-XX:AOTCacheOutput=$trained/lib/launcher.aot \
    "$trained/bin/launcher" "${launch[@]}" </dev/null >/dev/null 2>&1
names=("bin/java -version" "script -qc /bin/true /dev/null"
    "bin/launcher, no-op sync, /bin/true in a pty"
    "the same without the AOT cache (\`-XX:AOTMode=off\`)"
    "the same with an AOT cache trained on this launch"
    "the same in a terminal, run by script -qc")
# hyperfine splits each command into words as a POSIX shell would, so the quotes keep a path
# with spaces whole. The launcher commands run through env(1) to set LAUNCHER_JAVA_OPTS.
commands=("'$image/bin/java' -version"
    "script -qc /bin/true /dev/null"
    "env LAUNCHER_JAVA_OPTS= '$launcher'$quoted_launch"
    "env LAUNCHER_JAVA_OPTS=-XX:AOTMode=off '$launcher'$quoted_launch"
    "env LAUNCHER_JAVA_OPTS= '$trained/bin/launcher'$quoted_launch"
    "script -qc \"env LAUNCHER_JAVA_OPTS= '$launcher'$quoted_launch\" /dev/null")
results=$work/hyperfine.json
hyperfine --shell=none --runs 20 --warmup 3 --style none --export-json "$results" \
    "${commands[@]}" >/dev/null

files_after=$(stat -c '%n %i %s %Y.%y' "$work/config/.credentials.json" "$work/config/.claude.json")
if [[ $files_before == "$files_after" ]]; then
    unchanged="yes: same inode, size and modification time"
else
    unchanged="NO: a no-op sync rewrote a file"
fi

# hyperfine's JSON has one "median" field, in seconds, per command, in the order given.
mapfile -t medians < <(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$results")

echo "## Launch start-up, $(date -u +%Y-%m-%d)"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
    | head -n 1), Linux $(uname -r), $("$image/bin/java" -version 2>&1 | sed -n 2p)."
echo
echo "| command | median | ratio to java -version | ratio to script |"
echo "| --- | --- | --- | --- |"
for i in "${!names[@]}"; do
    awk -v name="${names[$i]}" -v median="${medians[$i]}" -v java="${medians[0]}" \
        -v script="${medians[1]}" 'BEGIN {
            printf "| %s | %.1f ms | %.2f | %.2f |\n", name, median * 1000,
                median / java, median / script
        }'
done
echo
awk -v launch="${medians[2]}" -v java="${medians[0]}" -v script="${medians[1]}" 'BEGIN {
    printf "Goals for the launch with the AOT cache: at most 2.5 times java -version (%.2f: %s)" \
        " and at most 4 times script (%.2f: %s).\n",
        launch / java, launch / java <= 2.5 ? "met" : "missed",
        launch / script, launch / script <= 4 ? "met" : "missed"
}'
echo
# Four of the commands are launches, each run 3 times to warm up and 20 times to measure.
echo "Synced files left alone by the $((4 * 23)) no-op syncs: $unchanged."
