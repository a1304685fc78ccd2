#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Package.swift) and runs each one in turn on a seed corpus
# made from Tests/SOSAnalyzerTests/Fixtures/ and Samples/.
#
#   bash Fuzz/run.sh                      # every target, 1,000,000 inputs each
#   bash Fuzz/run.sh --runs 20000         # the short CI run
#   bash Fuzz/run.sh --time 60 uname lsmod   # 60 s each, two targets
#   bash Fuzz/run.sh --release --no-asan --runs 1000000 uname   # long runs: optimised, no ASan
#   bash Fuzz/run.sh --release --jobs 2 --runs 1000000 archive   # two fuzzing processes, 500,000 each
#
# --runs and --time may be combined: each target stops at whichever comes first. The default
# build is debug with AddressSanitizer; --release optimises (about 10x more inputs a second) and
# --no-asan drops AddressSanitizer (about 2x more again). The parsers hold no unsafe code, so
# Swift's own bounds and overflow traps catch their bugs without it; keep ASan for `archive`.
# --jobs N runs N fuzzing processes side by side (libFuzzer -jobs/-workers) on the shared corpus,
# --runs split between them; use it only on cores nobody else needs. Their logs are
# work/logs/<target>.jobs/fuzz-<n>.log.
#
# Work files (seeds, the growing corpus, crash inputs, logs) go to Fuzz/work/ (git-ignored; set
# SOS_FUZZ_WORK to move them). The corpus is kept between runs. A crash leaves its input in
# work/crashes/<target>-crash-* and makes the script exit 1 after the remaining targets ran.
# Replay one with: SWIFT_BACKTRACE=enable=no SOS_FUZZ_TARGET=<target> Fuzz/.build-asan/debug/sos-fuzz <crash file>
set -euo pipefail
cd "$(dirname "$0")"

runs=1000000
seconds=0
configuration=debug
sanitizers=fuzzer,address
jobs=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --time) seconds="$2"; shift 2 ;;
        --release) configuration=release; shift ;;
        --no-asan) sanitizers=fuzzer; shift ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$(basename "$0")"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 64 ;;
        *) targets+=("$1"); shift ;;
    esac
done

echo "fuzz: building ($configuration, -sanitize=$sanitizers)"
# Each flavour builds in its own folder, so switching does not rebuild the other.
scratch=.build-asan
[ "$sanitizers" = fuzzer ] && scratch=.build-noasan
build=(swift build -c "$configuration" --scratch-path "$scratch"
       -Xswiftc "-sanitize=$sanitizers" -Xswiftc -parse-as-library)
# SwiftPM may keep a stale list of the parent package's sources (a path dependency here): a file
# added or removed there then breaks this build ("cannot find ... in scope", "missing inputs").
# Dropping the build plan makes it plan afresh, which takes well under a second.
rm -f "$scratch/$configuration.yaml"
# ld.gold warns once per ASan helper symbol ("Cannot export local symbol"): noise, not a problem.
if ! "${build[@]}" > build.log 2>&1; then
    grep -v "Cannot export local symbol" build.log >&2
    exit 1
fi
binary="$("${build[@]}" --show-bin-path)/sos-fuzz"
rm -f build.log

if [ ${#targets[@]} -eq 0 ]; then
    # The binary lists its targets when none is chosen.
    read -r -a targets <<< "$(SOS_FUZZ_TARGET= "$binary" 2>&1 | sed -n 's/.*one of: //p')"
fi

work="${SOS_FUZZ_WORK:-$PWD/work}"
mkdir -p "$work/corpus" "$work/crashes" "$work/logs"
# The archive target writes every input to a file. On tmpfs no input waits for the disk: on ext4
# an open(O_TRUNC) of that file once blocked for over a minute behind another program's writes,
# and libFuzzer reported it as a timeout.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    tmp="$(mktemp -d /dev/shm/sos-fuzz.XXXXXX)"
else
    tmp="$work/tmp"
    mkdir -p "$tmp"
fi
trap 'rm -rf "$tmp"' EXIT
python3 make_seeds.py "$work/seeds"

limits=(-runs="$runs")
if [ "$jobs" -gt 1 ]; then
    # libFuzzer's -runs is per process: split the total.
    limits=(-runs="$(( (runs + jobs - 1) / jobs ))" -jobs="$jobs" -workers="$jobs")
fi
[ "$seconds" != 0 ] && limits+=(-max_total_time="$seconds")
failed=()
for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target"
    # Archives need room for tar headers and several members; a parser sees its whole grammar
    # in a few KiB, and shorter inputs run faster.
    max_len=4096
    [ "$target" = archive ] && max_len=32768
    log="$work/logs/$target.log"
    logs=("$log")
    # With -jobs each process writes fuzz-<n>.log into the current folder.
    job_logs="$work/logs/$target.jobs"
    rm -rf "$job_logs"
    mkdir -p "$job_logs"
    start=$(date +%s)
    status=0
    (cd "$job_logs" && SOS_FUZZ_TARGET="$target" SOS_FUZZ_TMPDIR="$tmp" ASAN_OPTIONS="detect_leaks=0" "$binary" \
        "${limits[@]}" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/crashes/$target-" "$work/corpus/$target" "$work/seeds/$target") \
        > "$log" 2>&1 || status=$?
    [ "$jobs" -gt 1 ] && logs=("$job_logs"/fuzz-*.log)
    done_runs=$(cat "${logs[@]}" | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{ n += $1 } END { if (NR) print n }')
    processes=""
    [ "$jobs" -gt 1 ] && processes=" ($jobs processes)"
    echo "fuzz: $target: ${done_runs:-?} inputs in $(( $(date +%s) - start )) s$processes, exit $status"
    if [ "$status" != 0 ]; then
        failed+=("$target")
        cat "${logs[@]}" | grep -m 20 -E "ERROR|Fatal error|SUMMARY|artifact|Test unit written" >&2 \
            || tail -20 "${logs[@]}" >&2
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs in $work/crashes/, logs in $work/logs/)" >&2
    exit 1
fi
echo "fuzz: every target ran clean"
