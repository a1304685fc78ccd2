#!/usr/bin/env python3
"""Fan `sosanalyze inspect --format jsonl` out over a Dask cluster; gather one JSON Lines file.

Every worker needs `sosanalyze` on its PATH (or --sosanalyze) and the archives at the same
paths (shared storage: NFS, CephFS, a mounted bucket). The paths are cut into batches; each
batch is one task that runs `sosanalyze inspect --format jsonl --paths-from -` and returns its
lines. The lines are written in the order one `sosanalyze inspect --format jsonl` run writes
them (paths it refused first, then the reports in path order), whatever order the tasks end
in, so the output is the file one machine would write, byte for byte.

A task whose sosanalyze dies without writing a line for each report is retried by Dask
(--retries); if it still fails, each of its paths gets an error line, never a missing line.

    # on a cluster (scheduler already running)
    python3 dask_inspect.py --scheduler tcp://scheduler:8786 --paths-from paths.txt -o case.jsonl
    # on this machine, two worker processes (what the test runs)
    python3 dask_inspect.py --local 2 /cases/0123/ -o case.jsonl
    # then, on any machine
    sosanalyze summarize case.jsonl
    sosanalyze index add --case 0123 case.jsonl
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def inspect_batch(paths, sosanalyze, jobs):
    """One task: the JSON lines for these paths, in their order (runs on a worker)."""
    command = [sosanalyze, "inspect", "--format", "jsonl", "--jobs", str(jobs), "--paths-from", "-"]
    done = subprocess.run(command, input="\n".join(paths) + "\n", capture_output=True, text=True)
    # 0: all read; 2: some inputs gave error lines; 1: none gave a report (still one line each).
    if done.returncode not in (0, 1, 2) or not done.stdout.strip():
        raise RuntimeError(f"{sosanalyze} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return done.stdout


def error_line(path, cause):
    """The line inspect writes for an input that gave no report, for a batch that never ran."""
    record = {"schemaVersion": 1, "path": path, "input": None, "sha256": None,
              "error": f"{path}: not read: {cause}"}
    return json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="archives, report folders, folders of them")
    parser.add_argument("--paths-from", help="a file of paths, one a line ('-': standard input)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--local", type=int, metavar="N", help="start a LocalCluster of N worker processes")
    parser.add_argument("--batch", type=int, default=16, help="paths per task (default 16)")
    parser.add_argument("--jobs", type=int, default=1, help="archives read at once inside one task")
    parser.add_argument("--retries", type=int, default=2, help="retries of a failed task")
    parser.add_argument("--sosanalyze", default="sosanalyze", help="the executable on the workers")
    parser.add_argument("-o", "--output", default="-", help="the JSON Lines file (default: stdout)")
    args = parser.parse_args(argv)

    paths = list(args.paths)
    if args.paths_from:
        source = sys.stdin if args.paths_from == "-" else open(args.paths_from, encoding="utf-8")
        paths += [line.rstrip("\n") for line in source]
    paths = [path for path in paths if path.strip()]
    if not paths:
        parser.error("no paths")
    if (args.scheduler is None) == (args.local is None):
        parser.error("give --scheduler ADDRESS or --local N")

    from dask.distributed import Client, LocalCluster  # imported late: --help works without dask

    cluster = None
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    try:
        batches = [paths[i:i + args.batch] for i in range(0, len(paths), args.batch)]
        futures = client.map(inspect_batch, batches, sosanalyze=args.sosanalyze, jobs=args.jobs,
                             retries=args.retries, pure=False)
        # Gathered in path order, each result written to a scratch file as soon as its turn
        # comes. Lines of paths that sosanalyze refused before reading ("input": null: missing,
        # empty, encrypted) go first, as one sosanalyze run writes them.
        refused = []
        body = tempfile.TemporaryFile("w+", encoding="utf-8")
        for batch, future in zip(batches, futures):
            try:
                lines = future.result().splitlines(keepends=True)
            except Exception as error:  # the task failed on every retry
                lines = [error_line(path, f"task failed: {error}") for path in batch]
            for line in lines:
                if '"input":null' in line and '"error":' in line:
                    refused.append(line)
                else:
                    body.write(line)
        out = sys.stdout if args.output == "-" else open(args.output + ".part", "w", encoding="utf-8")
        out.writelines(refused)
        body.seek(0)
        shutil.copyfileobj(body, out)
        if out is not sys.stdout:
            out.close()
            os.replace(args.output + ".part", args.output)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
