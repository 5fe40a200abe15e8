"""Exports carry the same content in JSON, CSV and GraphML, and read back."""

import csv
import io
import json

import networkx as nx

from bot import export
from bot.flow import Conversation, Flow, Incoming


def finished_map():
    flow, conv = Flow(), Conversation.new()
    for turn in ("/start", "yes", "Ari", "my mum, my mate Dave", "that's all", "1", "good",
                 "outer", "not good", "Dave", "the park", "that's all", "good", "daily",
                 "most", "walking", "that's all", "good", "Mum", "the park", "looks right",
                 "see Dave less", "he stresses me", "Mum", "money", "say no", "this week", "no"):
        flow.handle(conv, Incoming(turn))
    return conv.map


def test_json_has_the_agreed_shape():
    data = json.loads(export.to_json(finished_map()))
    assert data["schema"] == "wellbeing-map/1" and data["status"] == "complete"
    assert data["time_at_home"] == "most"
    for key in ("id", "conversation_id", "created_at", "updated_at", "connections", "ties", "goals"):
        assert key in data
    mum = next(c for c in data["connections"] if c["label"] == "Mum")
    assert (mum["kind"], mum["category"], mum["closeness"], mum["effect"]) == ("person", "family", "inner", "positive")
    assert {t["kind"] for t in data["ties"]} == {"knows", "does_with", "happens_at"}
    goal = data["goals"][0]
    assert goal["text"] == "see Dave less" and goal["helpers"] == [mum["id"]]
    assert goal["barriers"] == ["money"] and goal["first_step"] == "say no" and goal["by_when"] == "this week"


def test_csv_nodes_and_edges_carry_the_same_content():
    wmap = finished_map()
    files = export.to_csv(wmap)
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"])))
    assert nodes[0]["id"] == "me" and len(nodes) == len(wmap.connections) + 1
    dave = next(n for n in nodes if n["label"] == "Dave")
    assert (dave["closeness"], dave["effect"]) == ("outer", "negative")
    assert len(edges) == len(wmap.connections) + len(wmap.ties)


def test_graphml_reads_back_as_the_same_graph():
    wmap = finished_map()
    graph = nx.read_graphml(io.StringIO(export.to_graphml(wmap)), force_multigraph=True)
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert labels == {"Me"} | {c.label for c in wmap.connections}
    assert graph.number_of_edges() == len(wmap.connections) + len(wmap.ties)
    dave = next(n for n, d in graph.nodes(data=True) if d["label"] == "Dave")
    assert graph.nodes[dave]["effect"] == "negative"


def _same_graph(a: nx.MultiGraph, b: nx.MultiGraph) -> bool:
    nodes = lambda g: {n: dict(d) for n, d in g.nodes(data=True)}
    edges = lambda g: sorted((tuple(sorted((u, v))), k, tuple(sorted(d.items())))
                             for u, v, k, d in g.edges(keys=True, data=True))
    return nodes(a) == nodes(b) and edges(a) == edges(b)


def test_csv_round_trips_to_the_same_graph():
    from bot.graph import build_graph
    wmap = finished_map()
    assert _same_graph(export.graph_from_csv(export.to_csv(wmap)), build_graph(wmap))


def test_graphml_round_trips_to_the_same_graph():
    from bot.graph import build_graph
    wmap = finished_map()
    read = nx.read_graphml(io.StringIO(export.to_graphml(wmap)), force_multigraph=True)
    assert _same_graph(read, build_graph(wmap))
    assert read.graph["time_at_home"] == "most"  # the ego's own attributes travel too
