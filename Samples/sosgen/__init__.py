"""sosgen: the generator of the Samples/ fleet, synthetic sosreports that tell the reference story.

Python 3.11 standard library only, deterministic (fixed seeds, mtimes, owners, member order and
compression settings). Samples/make_samples.py is the entry point; the modules, in the order a
report is made:

- story: the hosts (what each runs, who is affected and why)
- zones, proc_memory: the memory model and the /proc memory files printed from it
- kernel_log, syslog_noise: allocation failures, Mem-Info, boot log; daemon lines of messages
- modules, rhel6_modules, module_tables, modinfo: lsmod, /proc/modules, modinfo records
- packages: installed-rpms
- command_text, cluster: sysctl, dmidecode, ethtool -i; cluster.conf, clustat
- tree, archive, times: the report tree, member orders, tar/xz/folder writing, time stamps
- sos22, sos_modern, manifest: where each file goes per sos generation (2.2, 3.9, 4.7.2)
- expected, readme: expected.json, expected-correlation.json, README.md
- samples_writer: writes the fleet

Benchmarks/make_fleet.py imports the shared row layouts and call-trace frames from here.
"""
