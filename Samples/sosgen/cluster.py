"""Cluster files of the cluster hosts: etc/cluster/cluster.conf and clustat."""
from __future__ import annotations

from .story import Host


def cluster_conf(h: Host, members: list[str]) -> str:
    nodes = "".join(f"""    <clusternode name="{m}-hb.{h.domain}" nodeid="{i + 1}">
      <fence>
        <method name="ilo">
          <device name="fence_{m}"/>
        </method>
      </fence>
    </clusternode>
""" for i, m in enumerate(members))
    devs = "".join(f'    <fencedevice agent="fence_ipmilan" ipaddr="10.20.0.{11 + i}" lanplus="1" login="fence" '
                   f'name="fence_{m}" passwd="********"/>\n' for i, m in enumerate(members))
    return f"""<?xml version="1.0"?>
<cluster config_version="27" name="{h.cluster}">
  <cman expected_votes="1" two_node="1"/>
  <clusternodes>
{nodes}  </clusternodes>
  <fencedevices>
{devs}  </fencedevices>
  <rm>
    <failoverdomains>
      <failoverdomain name="fd_{h.cluster}" ordered="1" restricted="1">
        <failoverdomainnode name="{members[0]}-hb.{h.domain}" priority="1"/>
        <failoverdomainnode name="{members[-1]}-hb.{h.domain}" priority="2"/>
      </failoverdomain>
    </failoverdomains>
    <service domain="fd_{h.cluster}" name="svc_{h.cluster}" recovery="relocate">
      <ip address="10.10.0.{50 + len(h.cluster)}/24" monitor_link="on"/>
    </service>
  </rm>
</cluster>
"""


def clustat(h: Host, members: list[str]) -> str:
    t = h.collected
    rows = "".join(f" {m + '-hb.' + h.domain:<38} {i + 1:>4} {'Online, Local, rgmanager' if m == h.short else 'Online, rgmanager'}\n"
                   for i, m in enumerate(members))
    owner = f"{members[0]}-hb.{h.domain}"
    return (f"Cluster Status for {h.cluster} @ {t:%a %b} {t.day:>2} {t:%H:%M:%S %Y}\n"
            f"Member Status: Quorate\n\n Member Name                             ID   Status\n"
            f" ------ ----                             ---- ------\n{rows}\n"
            f" Service Name                   Owner (Last)                   State         \n"
            f" ------- ----                   ----- ------                   -----         \n"
            f" service:svc_{h.cluster:<18} {owner:<30} started       \n")
