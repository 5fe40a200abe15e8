"""The map picture: what a person (or their peer support worker) would notice on it."""

from __future__ import annotations

import random
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bot import render
from bot.model import Connection, Tie, WellbeingMap
from bot.summary import readback

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- building maps ---------------------------------------------------------------------
class MapBuilder:
    def __init__(self, name: str, time_at_home: str | None = None):
        self.map = WellbeingMap(id=f"example-{name}", conversation_id=f"conv-{name}",
                                status="complete", created_at="2024-05-01T10:00:00+00:00",
                                updated_at="2024-05-01T10:30:00+00:00",
                                time_at_home=time_at_home)

    def add(self, kind, label, role=None, closeness=None, effect=None, frequency=None,
            missed=False, category=None) -> str:
        cid = f"c{len(self.map.connections) + 1}"
        self.map.connections.append(Connection(
            id=cid, kind=kind, label=label, category=category, role=role,
            closeness=closeness, effect=effect, frequency=frequency, missed=missed))
        return cid

    def tie(self, a: str, b: str, kind: str) -> None:
        self.map.ties.append(Tie(a, b, kind))


def small_sparse_map() -> WellbeingMap:
    """Formal and sparse: a support worker, a GP and a day centre."""
    m = MapBuilder("small", time_at_home="most")
    jo = m.add("person", "Jo", "support worker", "inner", "positive", category="practitioner")
    gp = m.add("person", "Dr Okafor", "GP", "middle", "neutral", category="practitioner")
    centre = m.add("place", "Riverside Day Centre", None, None, "positive", "weekly",
                   category="day_centre")
    m.tie(jo, gp, "knows")
    assert centre
    return m.map


def family_map() -> WellbeingMap:
    """Family and stable: built round family, home and church."""
    m = MapBuilder("family", time_at_home="most")
    mum = m.add("person", "Mum", "mum", "inner", "positive", category="family")
    dad = m.add("person", "Dad", "dad", "inner", "mixed", category="family")
    priya = m.add("person", "Priya", "sister", "inner", "positive", category="family")
    nan = m.add("person", "Nan", "nan", "middle", "positive", category="family")
    ray = m.add("person", "Uncle Ray", "uncle", "outer", "negative", category="family")
    sam = m.add("person", "Sam", "CPN", "middle", "positive", category="practitioner")
    tess = m.add("person", "Tess", "cousin", None, None, missed=True, category="family")
    home = m.add("place", "Home", None, None, "positive", "daily", category="home")
    church = m.add("place", "St Bride's Church", None, None, "positive", "weekly",
                   category="worship")
    nans = m.add("place", "Nan's house", None, None, "positive", "weekly", category="home")
    shop = m.add("place", "Corner shop", None, None, "neutral", "daily", category="shop")
    cooking = m.add("activity", "Cooking", None, None, "positive", "daily",
                    category="creative")
    dinner = m.add("activity", "Sunday dinner", None, None, "mixed", "weekly",
                   category="social")
    choir = m.add("activity", "Church choir", None, None, "positive", "weekly",
                  category="music")
    football = m.add("activity", "Watching football", None, None, "mixed", "weekly",
                     category="social")
    m.add("activity", "Knitting", None, None, "positive", None, category="creative")
    for a, b in ((mum, dad), (mum, priya), (mum, nan), (dad, ray), (mum, sam),
                 (priya, nan), (dad, priya)):
        m.tie(a, b, "knows")
    m.tie(cooking, mum, "does_with")
    m.tie(cooking, home, "happens_at")
    m.tie(dinner, nan, "does_with")
    m.tie(dinner, ray, "does_with")
    m.tie(dinner, nans, "happens_at")
    m.tie(choir, priya, "does_with")
    m.tie(choir, church, "happens_at")
    m.tie(football, dad, "does_with")
    m.tie(football, home, "happens_at")
    assert tess and shop
    return m.map


def large_map() -> WellbeingMap:
    """Diverse and active: about 45 connections, long labels, many ties."""
    m = MapBuilder("large", time_at_home="less_than_half")
    P = "person"
    people = [
        ("Alexandra Whitfield-Morgan", "care coordinator", "middle", "positive"),
        ("Marcus", "partner", "inner", "mixed"),
        ("Kezia", "daughter", "inner", "positive"),
        ("Oluwaseun Adeyemi", "best friend from college", "inner", "positive"),
        ("Dr Ramanathan", "psychiatrist", "outer", "neutral"),
        ("Bernadette", "peer support worker", "middle", "positive"),
        ("Gary", "neighbour", "outer", "negative"),
        ("Hannah", "running club", "middle", "positive"),
        ("Tomasz", "colleague", "middle", "mixed"),
        ("Aunt Philippa", "aunt", None, None),
        ("Leon", "brother", "outer", "negative"),
        ("Mrs Achterberg", "landlady", "outer", "neutral"),
        ("Ffion", "allotment friend", "middle", "positive"),
        ("Chidi", "online gaming friend", "outer", "positive"),
        ("Rosalind", "therapist", "middle", "positive"),
        ("Dev", "old school mate", None, "positive"),
        ("Biscuit", "dog", "inner", "positive"),
        ("Yusuf", "mosque", "outer", "positive"),
        ("Grandad Eric", "grandad", "middle", "mixed"),
        ("Shona", "ex-partner", "outer", "negative"),
    ]
    ids = {}
    for label, role, closeness, effect in people:
        ids[label] = m.add(P, label, role, closeness, effect,
                           missed=label in ("Dev", "Aunt Philippa"))
    places = [
        ("Home (flat above the launderette)", "daily", "mixed"),
        ("Hillside Community Allotments", "weekly", "positive"),
        ("Central Library", "weekly", "positive"),
        ("The Anchor pub", "monthly", "negative"),
        ("Greenway Park", "daily", "positive"),
        ("Wellbeing Hub café", "weekly", "positive"),
        ("Leisure centre pool", "weekly", "positive"),
        ("Job Centre", "monthly", "negative"),
        ("Mosque on Station Road", "weekly", "positive"),
        ("Big supermarket", "weekly", "neutral"),
        ("Mum's old house in Margate", "less_often", "mixed"),
        ("GP surgery", None, "neutral"),
    ]
    for label, freq, effect in places:
        ids[label] = m.add("place", label, None, None, effect, freq)
    activities = [
        ("Park run on Saturday mornings", "weekly", "positive"),
        ("Walking Biscuit", "daily", "positive"),
        ("Online gaming", "daily", "mixed"),
        ("Volunteering at the food bank", "weekly", "positive"),
        ("Reading crime novels", "daily", "positive"),
        ("Allotment gardening", "weekly", "positive"),
        ("Swimming", "weekly", "positive"),
        ("Friday prayers", "weekly", "positive"),
        ("Drinking with Gary", "monthly", "negative"),
        ("Sketching", None, "positive"),
        ("Part-time shifts at the warehouse", "weekly", "mixed"),
        ("Cooking for Kezia", "daily", "positive"),
        ("Football on TV", "less_often", "neutral"),
    ]
    for label, freq, effect in activities:
        ids[label] = m.add("activity", label, None, None, effect, freq)
    knows = [("Marcus", "Kezia"), ("Marcus", "Gary"), ("Kezia", "Grandad Eric"),
             ("Alexandra Whitfield-Morgan", "Dr Ramanathan"),
             ("Alexandra Whitfield-Morgan", "Bernadette"), ("Bernadette", "Rosalind"),
             ("Hannah", "Oluwaseun Adeyemi"), ("Leon", "Grandad Eric"), ("Leon", "Shona"),
             ("Ffion", "Hannah"), ("Yusuf", "Oluwaseun Adeyemi"), ("Marcus", "Leon"),
             ("Dr Ramanathan", "Rosalind"), ("Gary", "Mrs Achterberg")]
    for a, b in knows:
        m.tie(ids[a], ids[b], "knows")
    with_ = [("Park run on Saturday mornings", "Hannah"), ("Walking Biscuit", "Biscuit"),
             ("Online gaming", "Chidi"), ("Volunteering at the food bank", "Bernadette"),
             ("Allotment gardening", "Ffion"), ("Friday prayers", "Yusuf"),
             ("Drinking with Gary", "Gary"), ("Part-time shifts at the warehouse", "Tomasz"),
             ("Cooking for Kezia", "Kezia"), ("Football on TV", "Grandad Eric"),
             ("Swimming", "Oluwaseun Adeyemi")]
    for a, b in with_:
        m.tie(ids[a], ids[b], "does_with")
    at = [("Park run on Saturday mornings", "Greenway Park"),
          ("Walking Biscuit", "Greenway Park"), ("Online gaming", "Home (flat above the launderette)"),
          ("Volunteering at the food bank", "Wellbeing Hub café"),
          ("Reading crime novels", "Central Library"),
          ("Allotment gardening", "Hillside Community Allotments"),
          ("Swimming", "Leisure centre pool"), ("Friday prayers", "Mosque on Station Road"),
          ("Drinking with Gary", "The Anchor pub"),
          ("Cooking for Kezia", "Home (flat above the launderette)")]
    for a, b in at:
        m.tie(ids[a], ids[b], "happens_at")
    return m.map


def generated_map(n: int, seed: int, kinds=("person", "place", "activity"),
                  closeness=("inner", "middle", "outer", None)) -> WellbeingMap:
    """A map of n connections with a mix of short, long and awkward labels."""
    rng = random.Random(seed)
    words = ["Sam", "Jordan", "Dr Mbeki", "Wellbeing", "Community", "Allotment", "Nan",
             "Margaret", "Ellison-Brown", "Library", "WWWWWWWWWW", "Mmm", "running club",
             "St Augustine's", "café", "Xiùyīng", "the big Tesco on the ring road"]
    m = MapBuilder(f"gen-{n}-{seed}")
    ids = []
    for i in range(n):
        kind = rng.choice(kinds)
        label = " ".join(rng.choice(words) for _ in range(rng.choice((1, 1, 2, 3, 4))))
        role = rng.choice((None, None, "support worker", "CPN", "sister"))
        if kind != "person":
            role = None
        ids.append(m.add(kind, f"{label} {i}", role,
                         rng.choice(closeness) if kind == "person" else None,
                         rng.choice(("positive", "negative", "mixed", "neutral", None)),
                         rng.choice(("daily", "weekly", "monthly", "less_often", None))
                         if kind != "person" else None, missed=rng.random() < 0.1))
    for _ in range(n):
        a, b = rng.sample(ids, 2) if n > 1 else (ids[0], ids[0])
        m.tie(a, b, rng.choice(("knows", "does_with", "happens_at")))
    return m.map


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- tests -----------------------------------------------------------------------------
def test_same_map_gives_byte_identical_svg_and_png():
    wmap = large_map()
    assert render.render_svg(wmap, "Ari's map") == render.render_svg(large_map(), "Ari's map")
    assert render.render_png(small_sparse_map()) == render.render_png(small_sparse_map())


def test_svg_is_an_accessible_image_with_title_and_text_alternative():
    wmap = family_map()
    root = parse(render.render_svg(wmap, "Ari's map"))
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert float(root.get("width")) > 0 and float(root.get("height")) > 0
    assert root.find(f"{SVG}title").text == "Ari's map"
    desc = root.find(f"{SVG}desc").text
    assert desc == render.text_alternative(wmap)
    for line in readback(wmap).split("\n"):
        assert line in desc
    assert "Cooking with Mum (mum)" in desc or "Cooking with Mum" in desc
    assert "Cooking at Home" in desc
    assert "Mum and Dad know each other" in desc


def test_every_connection_has_one_node_group_with_its_full_label_as_tooltip():
    wmap = large_map()
    root = parse(render.render_svg(wmap))
    groups = root.findall(f".//{SVG}g[@data-kind]")
    assert len(groups) == len(wmap.connections)
    for group, connection in zip(groups, wmap.connections):
        assert group.get("data-kind") == connection.kind
        assert group.find(f"{SVG}title").text.startswith(connection.display)
    # Long labels are shortened on the picture, with an ellipsis.
    run = groups[[c.label for c in wmap.connections].index("Park run on Saturday mornings")]
    shown = " ".join(t.text for t in run.findall(f"{SVG}text[@data-role='label']"))
    assert shown.startswith("Park run on") and shown.endswith("\u2026")
    assert run.find(f"{SVG}title").text.startswith("Park run on Saturday mornings")
    assert all(len(t.text) <= render.LABEL_CHARS
               for t in root.iter(f"{SVG}text") if t.get("data-role") == "label")


def test_me_is_at_the_centre_of_the_rings_with_sector_and_ring_names():
    root = parse(render.render_svg(small_sparse_map()))
    me = root.find(f".//{SVG}g[@id='me']")
    assert me.find(f"{SVG}text").text == "Me"
    centre = me.find(f"{SVG}circle")
    rings = root.findall(f".//{SVG}g[@id='rings']/{SVG}circle")
    assert len(rings) == 3
    for ring in rings:
        assert (ring.get("cx"), ring.get("cy")) == (centre.get("cx"), centre.get("cy"))
    radii = sorted(float(r.get("r")) for r in rings)
    assert radii[0] > float(centre.get("r"))
    names = {t.text for t in root.iter(f"{SVG}text") if t.get("data-role") in ("sector", "ring")}
    assert {"People", "Places", "Activities", "Inner circle", "Middle circle",
            "Outer circle"} <= names


def _node_positions(root):
    cx = float(root.find(f".//{SVG}g[@id='me']/{SVG}circle").get("cx"))
    cy = float(root.find(f".//{SVG}g[@id='me']/{SVG}circle").get("cy"))
    out = []
    for g in root.findall(f".//{SVG}g[@data-kind]"):
        sym = g.find(f"{SVG}text")
        out.append((g, float(sym.get("x")) - cx, float(sym.get("y")) - cy))
    return out


def test_people_sit_on_their_ring_and_layers_in_their_sectors():
    wmap = family_map()
    root = parse(render.render_svg(wmap))
    radii = sorted(float(r.get("r")) for r in root.findall(f".//{SVG}g[@id='rings']/{SVG}circle"))
    for (g, x, y), c in zip(_node_positions(root), wmap.connections):
        distance = (x * x + y * y) ** 0.5
        ring = int(g.get("data-ring"))
        assert (radii[ring - 1] if ring else 0) < distance < radii[ring]
        if c.kind == "person":
            assert y < 0, c.label  # top half
            assert ring == {"inner": 0, "middle": 1, "outer": 2, None: 2}[c.closeness]
            assert (g.get("data-hollow") == "true") == (c.closeness is None)
        elif c.kind == "place":
            assert x < 0 and y > 0, c.label  # bottom left
        else:
            assert x > 0 and y > 0, c.label  # bottom right
        if c.kind != "person":
            assert ring == {"daily": 0, "weekly": 1, "monthly": 2, "less_often": 2,
                            None: 2}[c.frequency]


@pytest.mark.parametrize("effect, symbol", [("positive", "+"), ("negative", "\u2212"),
                                            ("mixed", "\u00b1"), ("neutral", "="),
                                            (None, "?")])
def test_each_effect_has_a_symbol_not_only_a_colour(effect, symbol):
    m = MapBuilder("effect")
    m.add("person", "Robin", None, "inner", effect)
    m.add("place", "Park", None, None, effect, "daily")
    root = parse(render.render_svg(m.map))
    for g in root.findall(f".//{SVG}g[@data-kind]"):
        assert g.get("data-effect") == (effect or "none")
        assert g.find(f"{SVG}text").text == symbol
    legend = " ".join(t.text or "" for t in root.find(f".//{SVG}g[@id='legend']").iter(f"{SVG}text"))
    assert symbol in legend and render.EFFECTS[effect].words in legend


def test_not_good_for_you_also_has_a_thick_dashed_outline():
    m = MapBuilder("neg")
    m.add("person", "Gary", None, "outer", "negative")
    m.add("person", "Jo", None, "outer", "positive")
    root = parse(render.render_svg(m.map))
    neg, pos = root.findall(f".//{SVG}g[@data-kind]")
    assert neg.find(f"{SVG}circle").get("stroke-dasharray")
    assert float(neg.find(f"{SVG}circle").get("stroke-width")) > \
        float(pos.find(f"{SVG}circle").get("stroke-width"))
    assert pos.find(f"{SVG}circle").get("stroke-dasharray") is None


def _luminance(hex_colour: str) -> float:
    def channel(v):
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_symbols_and_text_meet_wcag_aa_contrast():
    for style in render.EFFECTS.values():
        assert contrast(style.ink, style.fill) >= 4.5, style
    assert contrast(render.INK, "#FFFFFF") >= 4.5
    assert contrast(render.SOFT_INK, "#FFFFFF") >= 4.5
    # The fills differ from each other, and positive and negative differ in lightness too.
    fills = [s.fill for s in render.EFFECTS.values()]
    assert len(set(fills)) == len(fills)


def test_legend_explains_colours_symbols_rings_and_lines():
    root = parse(render.render_svg(small_sparse_map()))
    legend = root.find(f".//{SVG}g[@id='legend']")
    text = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    for words in ("Good for you", "Not good for you", "Mixed", "Neither good nor bad",
                  "Not said", "Person", "Place", "Activity", "Know each other",
                  "Do it together", "closer", "more often", "White centre"):
        assert words in text
    lines = legend.findall(f"{SVG}line")
    assert {bool(line.get("stroke-dasharray")) for line in lines} == {True, False}


def test_ties_are_drawn_solid_for_knows_and_dotted_for_doing_and_places():
    wmap = family_map()
    root = parse(render.render_svg(wmap))
    lines = root.findall(f".//{SVG}g[@id='ties']/{SVG}line")
    assert len(lines) == len(wmap.ties)
    for line, tie in zip(lines, wmap.ties):
        assert line.get("data-tie") == tie.kind
        assert bool(line.get("stroke-dasharray")) == (tie.kind != "knows")


def _overlaps(boxes):
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.overlaps(b):
                found.append((a, b))
    return found


MAPS_FOR_OVERLAP = [(n, seed, kinds, closeness)
                    for n in (1, 5, 12, 30, 60) for seed in (1, 2)
                    for kinds, closeness in ((("person", "place", "activity"),
                                              ("inner", "middle", "outer", None)),
                                             (("person",), ("inner",)))]


@pytest.mark.parametrize("n, seed, kinds, closeness", MAPS_FOR_OVERLAP)
def test_no_label_overlaps_anything_and_nothing_is_cut_off(n, seed, kinds, closeness):
    wmap = generated_map(n, seed, kinds, closeness)
    svg = render.render_svg(wmap)
    root = parse(svg)
    boxes = render.label_boxes(wmap)
    labels = [b for b in boxes if b.kind == "label"]
    assert len(labels) == n
    assert _overlaps(boxes) == []  # labels, markers, Me, ring and sector names
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    for b in boxes:
        assert 0 <= b.x and b.x + b.w <= width and 0 <= b.y and b.y + b.h <= height, b
    # The boxes are the ones drawn: every label line in the SVG fits inside its box,
    # measured from its font size and characters.
    for g, box in zip(root.findall(f".//{SVG}g[@data-kind]"), labels):
        for t in g.findall(f"{SVG}text[@data-role='label']"):
            size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
            w = render.text_width(t.text, size)
            left = {"start": x, "end": x - w}.get(t.get("text-anchor"), x - w / 2)
            assert box.x <= left and left + w <= box.x + box.w
            assert box.y <= y - size and y + 0.25 * size <= box.y + box.h
            assert size >= 11  # still readable when printed


def test_markup_in_labels_is_escaped_and_the_svg_still_parses():
    nasty = '<script>alert(1)</script> & "Bob"'
    m = MapBuilder("nasty")
    m.add("person", nasty, "<b>mate</b>", "inner", "positive")
    m.add("place", "Tom & Jerry's \x07caf\u00e9", None, None, "mixed", "daily")
    svg = render.render_svg(m.map, title='<i>My</i> "map" & more')
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == '<i>My</i> "map" & more'
    assert root.find(f".//{SVG}g[@data-kind]/{SVG}title").text.startswith(nasty)
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert "Tom & Jerry's caf\u00e9" in root.find(f"{SVG}desc").text


def test_svg_is_self_contained():
    svg = render.render_svg(large_map())
    for banned in ("<style", "<script", "href", "@import", "url(", "<image", "<foreignObject"):
        assert banned not in svg
    assert 'font-family="DejaVu Sans' in svg


def test_empty_map_still_draws_me_and_the_rings():
    wmap = WellbeingMap(id="empty", conversation_id="empty", created_at="x", updated_at="x")
    root = parse(render.render_svg(wmap))
    assert root.find(f".//{SVG}g[@id='me']") is not None
    assert "Nothing has been added yet." in root.find(f"{SVG}desc").text
    assert png_size(render.render_png(wmap))[0] > 0


def test_png_is_the_same_picture_at_the_requested_scale():
    wmap = small_sparse_map()
    root = parse(render.render_svg(wmap))
    data = render.render_png(wmap, scale=2.0)
    assert data[:8] == PNG_SIGNATURE
    width, height = png_size(data)
    assert width == pytest.approx(2 * float(root.get("width")), abs=2)
    assert height == pytest.approx(2 * float(root.get("height")), abs=2)
    assert 1200 <= width <= 4000 and 800 <= height <= 4000
    assert png_size(render.render_png(wmap, scale=1.0))[0] == pytest.approx(width / 2, abs=2)


@pytest.mark.parametrize("name, build, title", [
    ("small_sparse", small_sparse_map, "Jo's wellbeing map"),
    ("family", family_map, "Ari's wellbeing map"),
    ("large_diverse", large_map, "Kai's wellbeing map"),
])
def test_writes_example_pictures(name, build, title):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wmap = build()
    svg = render.render_svg(wmap, title)
    png = render.render_png(wmap, title)
    (ARTIFACTS / f"map_{name}.svg").write_text(svg, encoding="utf-8")
    (ARTIFACTS / f"map_{name}.png").write_bytes(png)
    parse(svg)
    assert png[:8] == PNG_SIGNATURE
    assert _overlaps(render.label_boxes(wmap, title)) == []


def test_an_empty_layer_says_none_yet_and_a_long_title_is_shortened_on_the_picture():
    title = "A very long title that somebody typed into the box without stopping at all"
    root = parse(render.render_svg(small_sparse_map(), title))
    notes = [t for t in root.iter(f"{SVG}text") if t.get("data-role") == "note"]
    assert [t.text for t in notes] == ["none yet"]  # activities: the map has none
    assert root.find(f"{SVG}title").text == title
    heading = next(t for t in root.iter(f"{SVG}text") if t.get("data-role") == "heading")
    assert heading.text.endswith("\u2026") and len(heading.text) <= render.TITLE_CHARS


def test_odd_data_does_not_break_the_picture():
    m = MapBuilder("odd")
    a = m.add("person", "   ", None, None, None)  # a blank label, nothing rated
    b = m.add("place", "Park", None, None, None, None)
    m.tie(a, b, "knows")
    m.tie(a, "gone", "knows")  # a tie to a connection that was removed
    m.tie(b, b, "happens_at")
    root = parse(render.render_svg(m.map))
    groups = root.findall(f".//{SVG}g[@data-kind]")
    assert [g.get("data-effect") for g in groups] == ["none", "none"]
    assert [g.get("data-hollow") for g in groups] == ["true", "true"]
    assert len(root.findall(f".//{SVG}g[@id='ties']/{SVG}line")) == 1


def test_long_labels_wrap_to_two_lines_with_an_ellipsis():
    assert render.label_lines("Mum") == ["Mum"]
    assert render.label_lines("Margaret Ellison (support worker)") == [
        "Margaret Ellison", "(support worker)"]
    lines = render.label_lines("Volunteering at the Hounslow food bank on Tuesdays")
    assert len(lines) == 2 and lines[-1].endswith("\u2026")
    assert all(len(line) <= render.LABEL_CHARS for line in lines)
    assert render.label_lines("Supercalifragilistic") == ["Supercalifragili", "stic"]
    assert render.label_lines("Supercalifragilisticexpialidocious") == [
        "Supercalifragili", "sticexpialidoci\u2026"]
