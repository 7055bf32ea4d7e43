#!/usr/bin/env bash
# Measures the size and the start-up time of the jlink image and prints a Markdown report.
#
# Usage: benchmarks/startup.sh [IMAGE]   (IMAGE defaults to packaging/target/launcher)
#
# Start-up is the median wall time of 20 runs (after 3 warm-up runs) and their mean CPU time,
# measured by hyperfine, which Debian packages as hyperfine. Each variant is compared with the
# image's own `bin/java -version`, measured in the same run, so the ratios hold across machines
# better than the times do.
set -euo pipefail

image=${1:-packaging/target/launcher}
if [[ ! -x $image/bin/launcher ]]; then
    echo "startup.sh: no image at $image: build it with ./mvnw -B -DskipTests package" >&2
    exit 1
fi
if ! command -v hyperfine >/dev/null; then
    echo "startup.sh: hyperfine not found: install it with apt-get install hyperfine" >&2
    exit 1
fi
image=$(cd "$image" && pwd -P)
results=$(mktemp)
trap 'rm -f "$results"' EXIT

megabytes() {
    awk -v bytes="$1" 'BEGIN { printf "%.1f MB", bytes / 1000000 }'
}

image_bytes=$(du -sb "$image" | cut -f1)
cache_bytes=0
if [[ -f $image/lib/launcher.aot ]]; then
    cache_bytes=$(stat -c %s "$image/lib/launcher.aot")
fi
archive=$(ls "$image"/../launcher-*.tar.gz 2>/dev/null | head -n 1 || true)

# hyperfine splits each command into words as a POSIX shell would, so the quotes below keep a
# path with spaces whole. Each variant runs through env(1), so every one pays the same exec.
names=("bin/java -version" "bin/launcher --version" "without the AOT cache"
    "with full tiered compilation" "with G1 in place of Serial GC")
commands=("'$image/bin/java' -version"
    "env '$image/bin/launcher' --version"
    "env LAUNCHER_JAVA_OPTS=-XX:AOTMode=off '$image/bin/launcher' --version"
    "env LAUNCHER_JAVA_OPTS=-XX:TieredStopAtLevel=4 '$image/bin/launcher' --version"
    "env 'LAUNCHER_JAVA_OPTS=-XX:-UseSerialGC -XX:+UseG1GC' '$image/bin/launcher' --version")
hyperfine --shell=none --runs 20 --warmup 3 --style none --export-json "$results" \
    "${commands[@]}" >/dev/null

# hyperfine's JSON has one "median" wall time and one mean "user" and "system" CPU time, in
# seconds, per command, in the order given. CPU time moves less than wall time when other work
# shares the cores.
json_field() {
    sed -n "s/.*\"$1\": *\([0-9.e-]*\).*/\1/p" "$results"
}
mapfile -t medians < <(json_field median)
mapfile -t users < <(json_field user)
mapfile -t systems < <(json_field system)

echo "## Start-up, $(date -u +%Y-%m-%d)"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
    | head -n 1), Linux $(uname -r)."
echo
echo "| image | size |"
echo "| --- | --- |"
echo "| with the AOT cache | $(megabytes "$image_bytes") |"
echo "| without the AOT cache | $(megabytes $((image_bytes - cache_bytes))) |"
if [[ -n $archive ]]; then
    echo "| $(basename "$archive") | $(megabytes "$(stat -c %s "$archive")") |"
fi
echo
echo "| command | median | ratio to bin/java -version | CPU time, mean | ratio |"
echo "| --- | --- | --- | --- | --- |"
for i in "${!names[@]}"; do
    awk -v name="${names[$i]}" -v median="${medians[$i]}" -v base="${medians[0]}" \
        -v cpu="$(awk -v u="${users[$i]}" -v s="${systems[$i]}" 'BEGIN { print u + s }')" \
        -v cpu_base="$(awk -v u="${users[0]}" -v s="${systems[0]}" 'BEGIN { print u + s }')" \
        'BEGIN { printf "| %s | %.1f ms | %.2f | %.1f ms | %.2f |\n", name, median * 1000,
            median / base, cpu * 1000, cpu / cpu_base }'
done
