#!/usr/bin/env bash
# Coverage-guided fuzzing of the FIT import path for a fixed time (fuzz/README.md): afl-fuzz, from Debian's
# afl++, drives fuzz/SkinProgress.Fuzz.Fit, whose copy of SkinProgress.Formats.dll SharpFuzz has instrumented.
#
#   fuzz/fit.sh                     fuzz for 300 seconds
#   fuzz/fit.sh --seconds 600       fuzz for 600 seconds
#   fuzz/fit.sh --minimise FILE     shrink a saved crash with afl-tmin, keeping it a crash; writes FILE.min
#
# The seeds are the FIT files in tests/SkinProgress.Formats.Tests/TestData (fit/, and fuzz/ for past findings).
# Each run writes to fuzz/findings/fit-<UTC time>/, which git ignores: afl-fuzz's out/ (crashes/, hangs/, queue/),
# afl.log and triage.txt. Prints the executions, the coverage of the seeds and of the final corpus, and each
# distinct crash; exits 1 when the run saved a crash or a hang, 0 when it found none.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage_error() { echo "$1 (fuzz/fit.sh --help)" >&2; exit 2; }
seconds=300
minimise=
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) [ $# -gt 1 ] || usage_error "--seconds takes a whole number of seconds"; seconds=$2; shift 2 ;;
    --minimise) [ $# -gt 1 ] && [ -f "$2" ] || usage_error "--minimise takes a saved input"; minimise=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) usage_error "unknown option $1" ;;
  esac
done
[[ $seconds =~ ^[1-9][0-9]*$ ]] || usage_error "--seconds takes a whole number of seconds"
cd "$root"

log() { echo "[fuzz] $*" >&2; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
  log "installing afl++"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >&2
fi

build=fuzz/build/fit
target=(dotnet "$root/$build/SkinProgress.Fuzz.Fit.dll")
# The target is the dotnet host, which afl-fuzz cannot see instrumented: SharpFuzz's fork server speaks for it.
export AFL_SKIP_BIN_CHECK=1
# Plain log lines instead of the full-screen status; no CPU pinning and no CPU-governor check on a shared machine.
export AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1
# Where the kernel's core_pattern pipes core dumps elsewhere, afl-fuzz refuses to start; the target is managed
# code, whose crashes are exceptions reported through the fork server, not core dumps.
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# Over twice what the target itself allows one read of a 1 MB input (ImportBudget), as it reads an input twice.
timeout_ms=20000

build_target() {
  dotnet tool restore >&2
  # Always from scratch: SharpFuzz instruments in place and refuses an assembly it has already instrumented.
  rm -rf "$build"
  log "building the fuzz target (Release) into $build"
  dotnet publish fuzz/SkinProgress.Fuzz.Fit -c Release -o "$build" -v quiet -nologo >&2
  log "instrumenting SkinProgress.Formats.dll: the FIT reader, format detection, event building"
  dotnet sharpfuzz "$build/SkinProgress.Formats.dll" \
    SkinProgress.Formats.Fit SkinProgress.Formats.ActivityFileReader SkinProgress.Formats.FileFormatDetector SkinProgress.Formats.HealthEvents >&2
}

if [ -n "$minimise" ]; then
  # Built afresh, so the input is tried against the reader as it is now, not as a past run built it.
  build_target
  afl-tmin -i "$minimise" -o "$minimise.min" -t "$timeout_ms" -m none -- "${target[@]}" >&2
  "${target[@]}" triage "$minimise" "$minimise.min" || true
  exit 0
fi

build_target
run=fuzz/findings/fit-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$run/seeds"
cp tests/SkinProgress.Formats.Tests/TestData/fit/*.fit "$run/seeds/"
if compgen -G "tests/SkinProgress.Formats.Tests/TestData/fuzz/*.fit" >/dev/null; then
  cp tests/SkinProgress.Formats.Tests/TestData/fuzz/*.fit "$run/seeds/"
fi

edges() { # the edges a folder of inputs covers together
  afl-showmap -C -i "$1" -o "$run/showmap.tmp" -t "$timeout_ms" -m none -- "${target[@]}" >/dev/null 2>&1 || true
  wc -l < "$run/showmap.tmp"
}
seed_edges=$(edges "$run/seeds")

log "fuzzing for $seconds s with $(find "$run/seeds" -type f | wc -l) seeds (they cover $seed_edges edges); log in $run/afl.log"
afl-fuzz -i "$run/seeds" -o "$run/out" -x fuzz/fit.dict -V "$seconds" -t "$timeout_ms" -m none -- "${target[@]}" > "$run/afl.log" 2>&1 || {
  tail -n 30 "$run/afl.log" >&2
  exit 1
}

out=$run/out/default
afl_stat() { sed -n "s/^$1 *: //p" "$out/fuzzer_stats"; }
corpus_edges=$(edges "$out/queue")
crashes=$(find "$out/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$out/hangs" -type f -name 'id:*' | wc -l)

{
  if [ "$crashes" -gt 0 ]; then
    "${target[@]}" triage "$out"/crashes/id:* || true
  fi
  for hang in "$out"/hangs/id:*; do
    [ -e "$hang" ] || continue
    timeout 60 "${target[@]}" triage "$hang" || echo "$hang: still running after 60 s"
  done
} > "$run/triage.txt" 2>&1

echo "FIT fuzzing, $(afl_stat run_time) s: $(afl_stat execs_done) executions ($(afl_stat execs_per_sec)/s), stability $(afl_stat stability)"
echo "coverage: $seed_edges edges from the seeds, $corpus_edges from the final corpus of $(afl_stat corpus_count) inputs"
echo "crashes saved: $crashes, hangs saved: $hangs"
grep -E '^  .+: [0-9]+ input\(s\)' "$run/triage.txt" || true
grep -F 'still running' "$run/triage.txt" || true
echo "findings in $run (triage.txt has each crash's exception)"
[ $((crashes + hangs)) -eq 0 ]
