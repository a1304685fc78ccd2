#!/usr/bin/env python3
"""Write the Samples/ fleet: synthetic sosreports that tell the reference story.

Python 3.11 stdlib only. Deterministic: fixed seeds, fixed mtimes, uid/gid 0 "root",
fixed member order, fixed compression settings. Run twice, get byte-identical files.

    python3 Samples/make_samples.py            # writes next to this script
    python3 Samples/make_samples.py --out DIR  # writes elsewhere (used to check determinism)

Text is adapted from real samples in /work/shared/corpus (see Samples/README.md for which
file each template came from); numbers and names are changed to fit the story.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from sosgen.samples_writer import write_samples

# The generator itself is the sosgen package beside this script (python3 puts this folder on
# sys.path); this file keeps the command line.


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=here)
    args = ap.parse_args()
    write_samples(args.out, here / "README.template.md")


if __name__ == "__main__":
    main()
