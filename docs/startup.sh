#!/usr/bin/env bash
# Start-up time: from process start to the end of `ask "Who were the Astana guarantors?"` over the
# bundled seeds with the index already built, per mode, as the median and minimum of N runs, with
# the processor time used. Each jar first answers once in a fresh working folder of its own: that
# run builds the index (in the hybrid mode with the passage vectors) and is shown as "first". Given
# several jars, the runs alternate between them (bm25 old, bm25 new, hybrid old, hybrid new, ...),
# so that a machine busy with other work slows each alike, and each median is also given as a
# multiple of the first jar's. A launcher script (bin/astana-qa) may stand in for a jar.
#   bash docs/startup.sh [N] [JAR|LAUNCHER...]   (default: 5 runs of bot/target/astana-qa.jar)
#   bash docs/startup.sh 9 /tmp/old.jar bot/target/astana-qa.jar bin/astana-qa
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash docs/startup.sh   (another JDK)
set -euo pipefail
runs=5
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  runs=$1
  shift
fi
jars=("$@")
[[ ${#jars[@]} -gt 0 ]] || jars=(bot/target/astana-qa.jar)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
question="Who were the Astana guarantors?"
modes=(bm25 hybrid)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for i in "${!jars[@]}"; do
  if [[ ! -f ${jars[$i]} ]]; then
    echo "startup.sh: no ${jars[$i]}; build the jar: mvn -B -q package -DskipTests" >&2
    exit 2
  fi
  jars[$i]=$(cd "$(dirname "${jars[$i]}")" && pwd)/$(basename "${jars[$i]}")
  mkdir -p "$work/$i"
done

# "wall cpu" seconds that one `ask` takes in working folder $1 with jar $2 in mode $3: the time
# from start to exit, and the processor time (user + system, all threads) it used.
time_ask() {
  local t TIMEFORMAT='%3R %3U %3S'
  local run=("$java" -jar "$2")
  [[ $2 == *.jar ]] || run=("$2")
  t=$( { time (cd "$1" && "${run[@]}" --mode "$3" ask "$question" > answer.txt 2> stderr.txt); } \
    2>&1) || {
    echo "startup.sh: ask failed in mode $3 with ${2}:" >&2
    cat "$1/stderr.txt" >&2
    exit 1
  }
  echo "$t" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

declare -A walls cpus first
echo "java: $("$java" -version 2>&1 | head -1); $runs runs per mode and jar;" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in "${modes[@]}"; do
  for i in "${!jars[@]}"; do
    read -r first[$mode,$i] _ < <(time_ask "$work/$i" "${jars[$i]}" "$mode")
    if ! grep -q "Astana" "$work/$i/answer.txt"; then
      echo "startup.sh: ${jars[$i]} --mode $mode did not answer the question:" >&2
      cat "$work/$i/answer.txt" >&2
      exit 1
    fi
  done
done
for ((r = 0; r < runs; r++)); do
  for mode in "${modes[@]}"; do
    for i in "${!jars[@]}"; do
      read -r wall cpu < <(time_ask "$work/$i" "${jars[$i]}" "$mode")
      walls[$mode,$i]+="$wall "
      cpus[$mode,$i]+="$cpu "
    done
  done
done

# "median min" of the numbers in $1.
stats() {
  tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ v[NR] = $1 }
    END { printf "%.3f %.3f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1] }'
}

echo "seconds from start to exit; cpu: user + system, all threads; first: the run that indexed"
printf '%-7s %-7s %-7s %-7s %-7s %s\n' mode median min cpu first "jar: each run"
for mode in "${modes[@]}"; do
  base=
  for i in "${!jars[@]}"; do
    read -r median min < <(stats "${walls[$mode,$i]}")
    read -r cpu _ < <(stats "${cpus[$mode,$i]}")
    ratio=
    if [[ -z $base ]]; then
      base=$median
    else
      ratio=$(awk -v a="$median" -v b="$base" 'BEGIN { printf " (x%.2f of the first)", a / b }')
    fi
    printf '%-7s %-7s %-7s %-7s %-7s %s: %s%s\n' "$mode" "$median" "$min" "$cpu" \
      "${first[$mode,$i]}" "${jars[$i]}" "${walls[$mode,$i]% }" "$ratio"
  done
done
