#!/usr/bin/env python3
"""Runs the Dask recipe on a LocalCluster (two worker processes) over Samples/, and DuckDB on the
JSON Lines it gathers. Run by the Swift test RecipeTests (and so by .ci/run):

    python3 Examples/cluster/test_recipes.py --sosanalyze .build/debug/sosanalyze

Exit status 0 when every check holds; 77 when dask, distributed or duckdb is not installed
(the Swift test turns that into a skip outside CI, a failure in CI).
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLES = os.path.join(ROOT, "Samples")

# Samples/README.md's table of hosts: kernel -> (hosts, hosts with page allocation failures).
EXPECTED_FAILURES_PER_KERNEL = {
    "2.6.32-279.19.1.el6.x86_64": (1, 0),   # dbnode11
    "2.6.32-279.22.1.el6.x86_64": (1, 0),   # dbnode12
    "2.6.32-358.2.1.el6.x86_64": (3, 2),    # dbnode02, web05 affected; app08 healthy
    "2.6.32-358.6.1.el6.x86_64": (3, 2),    # appnode03, batch04 affected; web07 healthy
    "2.6.32-358.el6.x86_64": (1, 1),        # dbnode01
    "3.10.0-1160.88.1.el7.x86_64": (1, 0),  # infra21
    "5.14.0-427.13.1.el9_4.x86_64": (1, 0), # k8swork07
}


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sosanalyze", required=True)
    args = parser.parse_args()
    sosanalyze = os.path.abspath(args.sosanalyze)
    try:
        import dask.distributed  # noqa: F401
        import duckdb
    except ImportError as error:
        print(f"skipped: {error.name} is not installed (pip install -r .ci/requirements-recipes.txt)")
        return 77

    checks = 0
    with tempfile.TemporaryDirectory() as work:
        inputs = sorted(glob.glob(os.path.join(SAMPLES, "sosreport-*"))) + [os.path.join(SAMPLES, "web07-2013051711481368791289")]
        broken = os.path.join(work, "broken.tar.xz")
        open(broken, "wb").close()
        paths = inputs + [broken]
        listing = os.path.join(work, "paths.txt")
        with open(listing, "w") as out:
            out.write("\n".join(paths) + "\n")

        gathered = os.path.join(work, "dask.jsonl")
        done = run([sys.executable, os.path.join(HERE, "dask_inspect.py"), "--local", "2", "--batch", "4",
                    "--sosanalyze", sosanalyze, "--paths-from", listing, "-o", gathered])
        assert done.returncode == 0, done.stderr[-2000:]
        with open(gathered) as lines:
            records = [json.loads(line) for line in lines]
        # One line per report and one for the empty archive (first: refused before reading),
        # then the reports in the order of the paths.
        assert len(records) == 12, len(records)
        assert [r.get("input") for r in records[1:]] == inputs, [r.get("input") for r in records]
        assert records[0]["path"] == broken and "empty file (0 bytes)" in records[0]["error"], records[0]
        checks += 2

        # The same lines as one machine writes, and the same summary as the archives give.
        local = run([sosanalyze, "inspect", "--format", "jsonl", "--paths-from", listing])
        assert local.returncode == 2, local.returncode
        with open(gathered) as lines:
            assert lines.read() == local.stdout
        from_lines = run([sosanalyze, "summarize", gathered])
        from_archives = run([sosanalyze, "summarize"] + paths)
        assert from_lines.returncode == from_archives.returncode == 2
        assert from_lines.stdout == from_archives.stdout
        checks += 2

        # GNU parallel on this machine (":" in the ssh login file), then resumed: nothing re-runs.
        if shutil.which("parallel"):
            bin_dir = os.path.join(work, "bin")
            os.makedirs(bin_dir)
            os.symlink(sosanalyze, os.path.join(bin_dir, "sosanalyze"))
            nodes = os.path.join(work, "nodes.txt")
            with open(nodes, "w") as out:
                out.write(":\n")
            environment = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
            recipe = [os.path.join(HERE, "parallel-inspect.sh"), listing, nodes, os.path.join(work, "parallel.jsonl")]
            first = run(recipe, env=environment)
            assert first.returncode == 0, first.stderr[-2000:]
            with open(os.path.join(work, "parallel.jsonl")) as lines:
                assert lines.read() == local.stdout
            again = run(recipe, env=environment)
            with open(os.path.join(work, "parallel.jsonl.parts", "joblog")) as log:
                assert len(log.read().splitlines()) == len(paths) + 1, "--resume ran a finished job again"
            assert again.returncode == 0
            checks += 2
        else:
            print("GNU parallel not installed: its recipe is not run")

        # DuckDB reads the lines as they are: hosts per kernel, and those with failures.
        rows = duckdb.connect().execute(f"""
            SELECT kernel.release AS kernel,
                   count(DISTINCT hostname) AS hosts,
                   count(DISTINCT hostname) FILTER (WHERE len(allocationFailures) > 0) AS failing
            FROM read_json_auto('{gathered}', format = 'newline_delimited', sample_size = -1)
            WHERE error IS NULL
            GROUP BY ALL ORDER BY kernel
            """).fetchall()
        answer = {kernel: (hosts, failing) for kernel, hosts, failing in rows}
        assert answer == EXPECTED_FAILURES_PER_KERNEL, answer
        errors = duckdb.connect().execute(
            f"SELECT path FROM read_json_auto('{gathered}', format = 'newline_delimited', sample_size = -1) WHERE error IS NOT NULL"
        ).fetchall()
        assert errors == [(broken,)], errors
        checks += 2
    print(f"recipes: {checks} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
