"""Samples/README.md: the template plus the generated hosts table."""
from __future__ import annotations

import json
from pathlib import Path


def write_readme(out: Path, rows: list, template: Path) -> None:
    """README.md = README.template.md with @@HOSTS@@ replaced by the hosts table, read back from
    expected.json so the table shows what the tests check."""
    table = ["| File / folder | Hostname | OS | Kernel | NICs (driver) | Affected | Cluster | Third-party modules | sos | Format |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    e = json.loads((out / "expected.json").read_text())
    for key, h, facts in rows:
        x = e[key]
        nics = ", ".join(f"{i} ({d})" for i, d in x["nics"].items())
        aff = ("**yes**: " if x["affected"] else "no: ") + x["why"]
        if x["allocationFailures"]["count"]:
            aff += f" ({x['allocationFailures']['count']} failures, orders {x['allocationFailures']['orders']})"
        table.append(f"| `{key}` | {x['hostname']} | RHEL {x['osVersion']} | {x['kernel']} | {nics} | {aff} | "
                     f"{x['cluster'] or '—'} | {', '.join(x['thirdPartyModules']) or '—'} | {x['sosGeneration']} | "
                     f"{x['format']}{' (' + x['tarFormat'] + ')' if x['tarFormat'] else ''} |")
    text = template.read_text()
    (out / "README.md").write_text(text.replace("@@HOSTS@@", "\n".join(table)))
