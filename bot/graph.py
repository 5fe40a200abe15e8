"""The map as a networkx graph: "Me" at the centre, a node per connection, an edge
from Me to each connection (carrying closeness and effect) and edges for ties."""

from __future__ import annotations

import networkx as nx

from .model import WellbeingMap

EGO = "me"


def build_graph(wmap: WellbeingMap) -> nx.MultiGraph:
    graph = nx.MultiGraph(map_id=wmap.id, conversation_id=wmap.conversation_id,
                          status=wmap.status, time_at_home=wmap.time_at_home or "")
    graph.add_node(EGO, kind="ego", label="Me", time_at_home=wmap.time_at_home or "")
    for c in wmap.connections:
        graph.add_node(c.id, kind=c.kind, label=c.label, category=c.category or "",
                       role=c.role or "", closeness=c.closeness or "", effect=c.effect or "",
                       frequency=c.frequency or "", missed=c.missed)
        graph.add_edge(EGO, c.id, key="ego", kind="ego", closeness=c.closeness or "",
                       effect=c.effect or "")
    for t in wmap.ties:
        graph.add_edge(t.source, t.target, key=t.kind, kind=t.kind)
    return graph
