"""Exports of a map for the person, workers and researchers: JSON (schema
wellbeing-map/1), CSV (a nodes file and an edges file) and GraphML."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from .graph import EGO, build_graph
from .model import WellbeingMap

NODE_FIELDS = ["id", "kind", "label", "category", "role", "closeness", "effect",
               "frequency", "missed"]
EDGE_FIELDS = ["source", "target", "kind", "closeness", "effect"]


def to_json(wmap: WellbeingMap, extra: dict | None = None) -> str:
    data = wmap.to_dict()
    data.update(extra or {})
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_csv(wmap: WellbeingMap) -> dict[str, str]:
    """{'nodes.csv': ..., 'edges.csv': ...}; the ego ("me") is the first node and
    ego-to-connection edges carry the ratings, as in egor's alter and aatie tables."""
    nodes, edges = io.StringIO(), io.StringIO()
    node_writer = csv.DictWriter(nodes, NODE_FIELDS, lineterminator="\n")
    node_writer.writeheader()
    node_writer.writerow({"id": EGO, "kind": "ego", "label": "Me"})
    for c in wmap.connections:
        node_writer.writerow({f: _cell(getattr(c, f)) for f in NODE_FIELDS})
    edge_writer = csv.DictWriter(edges, EDGE_FIELDS, lineterminator="\n")
    edge_writer.writeheader()
    for c in wmap.connections:
        edge_writer.writerow({"source": EGO, "target": c.id, "kind": "ego",
                              "closeness": _cell(c.closeness), "effect": _cell(c.effect)})
    for t in wmap.ties:
        edge_writer.writerow({"source": t.source, "target": t.target, "kind": t.kind})
    return {"nodes.csv": nodes.getvalue(), "edges.csv": edges.getvalue()}


def to_graphml(wmap: WellbeingMap) -> str:
    return "\n".join(nx.generate_graphml(build_graph(wmap), prettyprint=True))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
