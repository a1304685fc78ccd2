#!/usr/bin/env bash
# GNU parallel over plain SSH hosts: one `sosanalyze inspect --format jsonl` per archive, a job
# log to resume from, and the lines gathered into one file in the order of the paths.
#
#   Examples/cluster/parallel-inspect.sh paths.txt nodes.txt case.jsonl
#
# paths.txt   archives (or extracted report folders), one a line, at the same path on every host
#             (shared storage); nodes.txt: parallel's --sshloginfile ("2/node1", "4/node2", ":"
#             for this machine). Each host needs sosanalyze on its PATH.
# Interrupted? Run the same command again: --resume skips the jobs the log shows as done, and
# --resume-failed would re-run the failed ones too. Every path ends as exactly one or more lines:
# its reports, or its error line (an unreadable archive is a line, not a gap).
set -euo pipefail
paths=${1:?paths.txt}
nodes=${2:?nodes.txt}
output=${3:?output.jsonl}
work=${output}.parts
mkdir -p "$work"

# {#} is the job's number (its line in paths.txt): the part files sort back into path order.
# Exit 2 (some input gave an error line) is a success here: the line says what went wrong.
parallel --joblog "$work/joblog" --resume --sshloginfile "$nodes" --arg-file "$paths" \
    --jobs 1 --retries 2 --halt never \
    'sosanalyze inspect --format jsonl {} > '"$work"'/part-{#}.jsonl; s=$?; [ $s -le 2 ]' || true
# (With --sshloginfile the command runs on the remote host, so $work must be on the shared storage too.)

# Paths whose job never finished get an error line of their own, so none is lost.
n=0
while IFS= read -r path; do
    n=$((n + 1))
    part="$work/part-$n.jsonl"
    if [ ! -s "$part" ]; then
        python3 -c 'import json,sys; p=sys.argv[1]; print(json.dumps({"schemaVersion":1,"path":p,"input":None,"sha256":None,"error":p+": not read: the job failed on every host"},sort_keys=True,separators=(",",":")))' "$path" > "$part"
    fi
done < "$paths"
# Lines of paths refused before reading ("input":null) first, as one sosanalyze run writes them.
ls "$work"/part-*.jsonl | sort -t- -k2 -n | xargs cat | grep -F '"input":null' > "$output.tmp" || true
ls "$work"/part-*.jsonl | sort -t- -k2 -n | xargs cat | grep -vF '"input":null' >> "$output.tmp" || true
mv "$output.tmp" "$output"
echo "$(wc -l < "$output") lines in $output; job log: $work/joblog" >&2
