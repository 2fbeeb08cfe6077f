#!/usr/bin/env bash
# `grade batch --slurm` against a real Slurm: starts munge, slurmctld and
# slurmd for one node on loopback (a private config, socket and ports in a
# temporary folder), submits the generated array and merge jobs for a small
# class (make_small_class.sh), waits for them, and checks the gradebook the
# merge job built.
#   check_slurm.sh GRADER KIT WORK
# Exits 77 (ctest: skipped) with the reason when Slurm cannot be started here.
set -euo pipefail
grader=$1 kit=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=make_small_class.sh
. "$here/make_small_class.sh"

skip() { echo "SKIP: $*"; exit 77; }
[[ $(id -u) -eq 0 ]] || skip "slurmd must run as root to start jobs; run this test as root"
for tool in munged slurmctld slurmd sbatch squeue sinfo scontrol; do
  command -v "$tool" >/dev/null || skip "$tool not found: install slurm-wlm and munge (tools/setup does)"
done

# The daemons' files: a short path, since a Unix socket path must stay under 108 bytes.
run=$(mktemp -d /tmp/parlab-slurm.XXXXXX)
export SLURM_CONF=$run/slurm.conf
# Keeps the test's own exit status: the daemons may still be writing their
# logs into $run after `scontrol shutdown`, which once made the final rm fail
# a run whose checks had all passed.
cleanup() {
  local status=$?
  scontrol shutdown >/dev/null 2>&1 || true
  local pidfile pid
  for pidfile in "$run/slurmctld.pid" "$run/slurmd.pid" "$run/munged.pid"; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile" 2>/dev/null) || continue
    [[ "$pidfile" == */munged.pid ]] && kill "$pid" 2>/dev/null
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$run" 2>/dev/null || { sleep 1; rm -rf "$run" 2>/dev/null; } || true
  exit "$status"
}
trap cleanup EXIT
mkdir -p "$run/state" "$run/spool"

dd if=/dev/urandom of="$run/munge.key" bs=1024 count=1 status=none
chmod 600 "$run/munge.key"
munged --socket="$run/munge.sock" --key-file="$run/munge.key" --pid-file="$run/munged.pid" \
  --log-file="$run/munged.log" --seed-file="$run/munge.seed" --force ||
  skip "munged would not start: $(tail -3 "$run/munged.log" 2>/dev/null)"

port=$((20000 + RANDOM % 20000))
cat >"$SLURM_CONF" <<CONF
ClusterName=parlabtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$run/munge.sock
StateSaveLocation=$run/state
SlurmdSpoolDir=$run/spool
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=$run/slurmctld.log
SlurmdLogFile=$run/slurmd.log
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=parlab Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF" || skip "slurmctld would not start: $(tail -3 "$run/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" || skip "slurmd would not start: $(tail -3 "$run/slurmd.log" 2>/dev/null)"
for _ in $(seq 1 60); do
  [[ "$(sinfo -h -o %t 2>/dev/null)" == idle* ]] && break
  sleep 0.5
done
[[ "$(sinfo -h -o %t 2>/dev/null)" == idle* ]] ||
  skip "the Slurm node never became idle: $(sinfo 2>&1 | tail -2); $(tail -3 "$run/slurmd.log")"
echo "slurm: one node, $(nproc) CPUs, controller on 127.0.0.1:$port"

class=$work/submissions
out=$work/out
rm -rf "$work" && mkdir -p "$work"
make_small_class "$kit" "$class"

echo "== grade batch --slurm writes the array and merge scripts"
"$grader" batch --kit "$kit" "$class" --out "$out" --exercises 03 --no-speedup --slurm --slurm-cpus 1 \
  --slurm-time 00:20:00 | tee "$work/prepare.log"
[[ $(wc -l <"$out/slurm/students.txt") -eq 5 ]] || fail "students.txt: $(cat "$out/slurm/students.txt")"
grep -q "^#SBATCH --array=0-4$" "$out/slurm/grade-array.sbatch" || fail "array range: $(cat "$out/slurm/grade-array.sbatch")"

echo "== submit, as printed"
array_job=$(sbatch --parsable "$out/slurm/grade-array.sbatch")
merge_job=$(sbatch --parsable --dependency=afterany:"$array_job" "$out/slurm/merge.sbatch")
echo "array job $array_job, merge job $merge_job"
for _ in $(seq 1 900); do
  [[ -z "$(squeue -h -j "$array_job,$merge_job" 2>/dev/null)" ]] && break
  sleep 0.5
done
[[ -z "$(squeue -h -j "$array_job,$merge_job" 2>/dev/null)" ]] || fail "jobs still queued after 450 s: $(squeue)"
cat "$out"/slurm/logs/merge-*.out

book=$out/gradebook.csv
[[ -f "$book" ]] || fail "the merge job wrote no gradebook: $(cat "$out"/slurm/logs/*)"
[[ $(wc -l <"$book") -eq 6 ]] || fail "expected 5 rows and a header:\n$(cat "$book")"
[[ $(csv_row "$book" solution) == "solution,solution,7.5,7.5,10,graded,every exercise passed" ]] ||
  fail "solution row: $(csv_row "$book" solution); log: $(cat "$out"/slurm/logs/grade-*_*.out)"
[[ $(csv_row "$book" stub) == stub,stub,[0-9]*,10,graded,*race* ]] || fail "stub row: $(csv_row "$book" stub)"
[[ $(csv_row "$book" empty) == empty,empty,0,0,10,empty,* ]] || fail "empty row: $(csv_row "$book" empty)"
[[ $(csv_row "$book" stray.txt) == stray.txt,stray.txt,,,10,not-a-folder,* ]] || fail "stray row: $(csv_row "$book" stray.txt)"
[[ -s "$out/students/stub/report.md" ]] || fail "no per-student report from the array task"
[[ $(ls "$out"/slurm/logs/grade-*_*.out | wc -l) -eq 5 ]] || fail "expected one log per array task"

echo "== merging again by hand gives the same gradebook"
cp "$book" "$work/book-from-job.csv"
"$grader" batch --kit "$kit" --merge --out "$out"
cmp -s "$book" "$work/book-from-job.csv" || fail "a second merge changed the gradebook"
echo "slurm: all checks passed"
