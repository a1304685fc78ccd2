"""sos 4.x sos_reports/manifest.json."""
from __future__ import annotations

import datetime as dt
import json

from .times import epoch


def manifest(top: str, version: str, t0: dt.datetime, cmds: list[tuple[str, str, str, list[str]]],
             files: list[tuple[str, str, list[str], list[str]]]) -> str:
    plugins: dict[str, dict] = {}
    for plugin, exe, fp, tags in cmds:
        p = plugins.setdefault(plugin, {"name": plugin, "setup_start": "", "setup_end": "", "setup_time": 0.0,
                                        "timeout": 300, "timeout_hit": False, "command_timeout": 300,
                                        "commands": [], "files": [], "strings": {}, "containers": {},
                                        "collection_start": "", "collection_end": "", "collection_time": 0.0})
        p["commands"].append({"command": exe.split()[0], "parameters": exe.split()[1:], "exec": exe,
                              "filepath": fp, "truncated": False, "return_code": 0, "priority": 10,
                              "start_time": epoch(t0), "end_time": epoch(t0) + 1, "run_time": 0.01, "tags": tags})
    for plugin, spec, copied, tags in files:
        p = plugins.setdefault(plugin, {"name": plugin, "commands": [], "files": []})
        p["files"].append({"specification": spec, "files_copied": copied, "tags": tags})
    doc = {"version": version, "cmdline": "sos report --batch", "start_time": t0.strftime("%a %b %d %H:%M:%S %Y"),
           "end_time": (t0 + dt.timedelta(seconds=97)).strftime("%a %b %d %H:%M:%S %Y"), "run_time": "97",
           "compression": "gzip", "tmpdir": "/var/tmp", "tmpdir_fs_type": "xfs",
           "policy": "Red Hat Enterprise Linux",
           "components": {"report": {"sysroot": "/", "preset": "none", "profiles": [],
                                     "enabled_plugins": sorted(plugins), "disabled_plugins": [],
                                     "plugins": {k: plugins[k] for k in sorted(plugins)}}}}
    return json.dumps(doc, indent=4) + "\n"
