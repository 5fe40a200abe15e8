"""Exports of a map for the person, workers and researchers: JSON (schema
wellbeing-map/1), CSV (a nodes file and an edges file) and GraphML."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from .graph import EGO, build_graph
from .model import WellbeingMap

# igraph: graph_from_data_frame(edges, vertices = nodes). egor: the rows with kind
# "ego" are the ego; "ego_id" ties every row to its map; edges of kind "knows",
# "does_with" and "happens_at" are the alter-alter ties (aaties).
NODE_FIELDS = ["id", "ego_id", "kind", "label", "category", "role", "closeness", "effect",
               "frequency", "missed", "time_at_home"]
EDGE_FIELDS = ["source", "target", "ego_id", "kind", "closeness", "effect"]


def analysis_of(wmap: WellbeingMap) -> dict:
    """The export's "analysis": counts, network type (with its plain explanation) and
    pointers for change, each with its reason and the connections it is about."""
    from .analysis import analyse, pointers

    return {**analyse(wmap).to_dict(), "pointers": [p.to_dict() for p in pointers(wmap)]}


def to_json(wmap: WellbeingMap) -> str:
    data = wmap.to_dict()
    data["analysis"] = analysis_of(wmap)
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_csv(wmap: WellbeingMap) -> dict[str, str]:
    """{'nodes.csv': ..., 'edges.csv': ...}; the ego ("me") is the first node and
    ego-to-connection edges carry the ratings, as in egor's alter and aatie tables."""
    nodes, edges = io.StringIO(), io.StringIO()
    node_writer = csv.DictWriter(nodes, NODE_FIELDS, lineterminator="\n")
    node_writer.writeheader()
    node_writer.writerow({"id": EGO, "ego_id": wmap.id, "kind": "ego", "label": "Me",
                          "time_at_home": _cell(wmap.time_at_home)})
    for c in wmap.connections:
        node_writer.writerow({"ego_id": wmap.id,
                              **{f: _cell(getattr(c, f)) for f in NODE_FIELDS
                                 if f not in ("ego_id", "time_at_home")}})
    edge_writer = csv.DictWriter(edges, EDGE_FIELDS, lineterminator="\n")
    edge_writer.writeheader()
    for c in wmap.connections:
        edge_writer.writerow({"source": EGO, "target": c.id, "ego_id": wmap.id, "kind": "ego",
                              "closeness": _cell(c.closeness), "effect": _cell(c.effect)})
    for t in wmap.ties:
        edge_writer.writerow({"source": t.source, "target": t.target, "ego_id": wmap.id,
                              "kind": t.kind})
    return {"nodes.csv": nodes.getvalue(), "edges.csv": edges.getvalue()}


def to_graphml(wmap: WellbeingMap) -> str:
    return "\n".join(nx.generate_graphml(build_graph(wmap), prettyprint=True))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def graph_from_csv(files: dict[str, str]) -> nx.MultiGraph:
    """Read the two CSV files back into the same graph build_graph() makes."""
    graph = nx.MultiGraph()
    for row in csv.DictReader(io.StringIO(files["nodes.csv"])):
        node = row.pop("id")
        row.pop("ego_id")
        if row["kind"] == "ego":
            graph.add_node(node, kind="ego", label=row["label"], time_at_home=row["time_at_home"])
        else:
            row.pop("time_at_home")
            row["missed"] = row["missed"] == "true"
            graph.add_node(node, **row)
    for row in csv.DictReader(io.StringIO(files["edges.csv"])):
        source, target, kind = row["source"], row["target"], row["kind"]
        if kind == "ego":
            graph.add_edge(source, target, key="ego", kind="ego", closeness=row["closeness"],
                           effect=row["effect"])
        else:
            graph.add_edge(source, target, key=kind, kind=kind)
    return graph


SAFETY_NOTE_KINDS = {
    "self_harm": "self-harm",
    "abuse_or_violence": "being hurt, abused or threatened",
    "medical_emergency": "a medical emergency",
    "suicidal_or_unspecified": "thoughts of suicide, or not being safe",
}


def person_data(conv, maps: list[WellbeingMap]) -> dict:
    """Everything held about one person ("show my data"): who, consent, every map with its
    goals, and the moments risk was noticed (kind and time only; the words are never kept)."""
    return {
        "schema": "wellbeing-map-person/1",
        "conversation": {
            "id": conv.id, "created_at": conv.created_at, "name": conv.name,
            "consent": conv.consent, "consent_at": conv.consent_at,
            "privacy_notice_version": conv.state.get("privacy_notice"),
        },
        "safety_notes": [
            {"at": flag["at"], "kind": flag["category"],
             "description": SAFETY_NOTE_KINDS.get(flag["category"], flag["category"])}
            for flag in conv.state.get("risk_flags", [])],
        "maps": [{**wmap.to_dict(), "analysis": analysis_of(wmap)} for wmap in maps],
    }
