"""The map picture: a printable, accessible SVG (and PNG) of a wellbeing map.

Layout rules (kept stable so maps drawn at different times can be compared):

* "Me" is at the centre, with three concentric rings round it: inner circle, middle,
  outer. Each ring is a band between two circles; its nodes sit inside the band.
* Each layer has its own sector: PEOPLE across the top half, PLACES bottom-left and
  ACTIVITIES bottom-right, each sector labelled.
* People sit on the ring of their closeness. Places and activities sit on a ring by how
  often they happen (the method's "regularly go / routinely do"): most days -> inner,
  every week -> middle, every month or less -> outer. Both activities and places are
  asked how often in the conversation, so one rule serves both layers and "nearer the
  middle" always means "more a part of everyday life". When closeness (people) or
  frequency (places, activities) was not said, the node goes on the outer ring and is
  drawn HOLLOW (white centre, the effect colour as a thick band) so nobody mistakes
  "not said" for "outer circle".
* Within a sector, nodes keep the map's connection order and each gets an equal slice
  of the sector's angle. Each label sits beside its marker on the side away from the
  vertical centre line (left half: label to the left; right half: to the right), the
  same rule everywhere so a reader always knows which label is whose. A node takes the
  free spot (near its slice) that keeps its ring smallest, so crowded rings stagger
  nodes outwards by themselves; each ring's circle is then drawn just outside its
  farthest node, so every marker AND label lies wholly inside its own ring; then
  nodes move towards the middle of their ring where there is room. The canvas grows
  with the rings (and the heading and legend grow with a big map, so they stay
  readable when printed). Nothing is ever drawn on top of a label, and no label, marker,
  ring name or sector name touches another (label_boxes() exposes the boxes).
* Effect on wellbeing is shown three ways: fill colour (Okabe-Ito colour-blind-safe
  palette), a symbol inside the node (+ good, minus not good, +/- mixed, = neither, ? not
  said) and, for "not good for you", a thick dashed outline. Symbols meet WCAG AA
  contrast against their fill; label text is near-black on white.
* Node shape gives the layer: circle person, rounded square place, diamond activity.
* Ties: "knows" (person-person) thin solid grey; "does it with" and "happens at"
  (activity-person, activity-place) dotted dark grey. Ties are drawn under the nodes and
  labels sit on a white backing, so lines never hide text.
* Labels wrap to at most two lines of 16 characters; anything longer ends with an
  ellipsis, and the full text is in the node's <title> (tooltip) and in the <desc>.

The output is deterministic: same map, byte-identical SVG (no randomness, no clock,
fixed number formatting, ordering by the map's own connection and tie order).
"""

from __future__ import annotations

import math
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import questions as Q
from .model import Connection, WellbeingMap
from .summary import describe, readback

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
INK = "#1A1A1A"  # near-black: 17:1 on white
SOFT_INK = "#4D4D4D"  # secondary text: 8.5:1 on white

# --- text measuring ---------------------------------------------------------------
# Advance widths (per 1000 em) of DejaVu Sans and DejaVu Sans Bold, the first font asked
# for. Layout uses these, so the estimate is close to what a renderer draws; characters
# outside the table are counted generously.
_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
          "abcdefghijklmnopqrstuvwxyz{|}~\u2026\u2212\u00b1\u00e9\u2019")
_REGULAR = [int(v) for v in """
318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636
636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656
557 863 748 787 603 787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613
635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818
592 592 525 636 337 636 838 1000 838 838 615 318""".split()]
_BOLD = [int(v) for v in """
348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696
696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775
637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 365 457 838 500 500 675
716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924
645 652 582 712 365 712 838 1000 838 838 678 380""".split()]
_EM = {False: dict(zip(_CHARS, _REGULAR)), True: dict(zip(_CHARS, _BOLD))}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of one line of text in the map's font."""
    table = _EM[bold]
    total = 0
    for ch in text:
        width = table.get(ch)
        if width is None:
            if unicodedata.combining(ch):
                width = 0
            elif unicodedata.east_asian_width(ch) in ("W", "F"):
                width = 1000  # CJK, most emoji
            else:
                width = 800  # accented letters and other scripts: err on the wide side
        total += width
    return total * size / 1000


# --- cleaning and escaping user text ---------------------------------------------------
def clean(text: str | None) -> str:
    """Text that is safe to put in XML: no control characters, no lone surrogates."""
    out = []
    for ch in text or "":
        cat = unicodedata.category(ch)
        if ch in "\t\n\r":
            out.append(" ")
        elif cat in ("Cc", "Cs", "Co", "Cn") or ch in "\ufffe\uffff":
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def esc(text: str) -> str:
    """Escape for XML text and attribute values (after cleaning)."""
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


LABEL_CHARS = 16
LABEL_LINES = 2
ELLIPSIS = "\u2026"


def label_lines(text: str, width: int = LABEL_CHARS, max_lines: int = LABEL_LINES) -> list[str]:
    """Wrap a label into at most `max_lines` lines of `width` characters; an ellipsis
    ends it when something had to be left out."""
    words = clean(text).split() or ["?"]
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:  # a very long word: break it
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    whole = " ".join(words)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
    if " ".join(lines) != whole and "".join(lines) != whole.replace(" ", ""):
        last = lines[-1]
        lines[-1] = (last[:width - 1].rstrip() if len(last) >= width else last) + ELLIPSIS
    return lines


# --- visual vocabulary -----------------------------------------------------------------
@dataclass(frozen=True)
class EffectStyle:
    key: str | None
    words: str
    symbol: str
    fill: str  # Okabe-Ito
    band: str  # colour of the thick band on a hollow node
    ink: str  # symbol colour on the fill (WCAG AA >= 4.5:1)
    outline: float
    dash: str | None


EFFECTS: dict[str | None, EffectStyle] = {
    "positive": EffectStyle("positive", "Good for you", "+", "#0072B2", "#0072B2",
                            "#FFFFFF", 1.5, None),
    "negative": EffectStyle("negative", "Not good for you", "\u2212", "#D55E00", "#D55E00",
                            "#000000", 3.5, "6 3"),
    "mixed": EffectStyle("mixed", "Mixed", "\u00b1", "#F0E442", "#C9B800", "#000000",
                         1.5, None),
    "neutral": EffectStyle("neutral", "Neither good nor bad", "=", "#D9D9D9", "#8C8C8C",
                           "#000000", 1.5, None),
    None: EffectStyle(None, "Not said", "?", "#FFFFFF", "#8C8C8C", "#000000", 1.2, None),
}
RING_NAMES = ("Inner circle", "Middle circle", "Outer circle")
SECTORS = {  # kind: (title, start angle, end angle), radians clockwise from east
    "person": ("People", math.pi, 2 * math.pi),
    "place": ("Places", math.pi, math.pi / 2),  # left, then down
    "activity": ("Activities", 0.0, math.pi / 2),  # right, then down
}
TIE_STYLE = {"knows": ("#8C8C8C", 1.4, None),
             "does_with": ("#4D4D4D", 2.0, "0.1 5"),
             "happens_at": ("#4D4D4D", 2.0, "0.1 5")}

LABEL_SIZE = 13.0
LINE_HEIGHT = 1.25
MARKER = 15.0  # node radius
SYMBOL_SIZE = 17.0
ME_RADIUS = 34.0
BAND_MIN = 80.0
GAP = 3.0  # minimum space between any two boxes
LABEL_GAP = 5.0  # between a marker and its label
MARGIN = 28.0


def _half_size(kind: str) -> float:
    return {"person": MARKER, "place": MARKER * 0.9, "activity": MARKER * 1.25}[kind]


def ring_of(connection: Connection) -> tuple[int, bool]:
    """(ring index 0 inner .. 2 outer, placement-not-said)."""
    if connection.kind == "person":
        ring = {"inner": 0, "middle": 1, "outer": 2}.get(connection.closeness or "")
        return (2, True) if ring is None else (ring, False)
    ring = {"daily": 0, "weekly": 1, "monthly": 2, "less_often": 2}.get(
        connection.frequency or "")
    return (2, True) if ring is None else (ring, False)


# --- geometry --------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    """An axis-aligned box in SVG user units. kind: "label", "marker" or "fixed"."""
    x: float
    y: float
    w: float
    h: float
    kind: str
    text: str = ""

    def overlaps(self, other: "Box", gap: float = 0.0) -> bool:
        return not (self.x + self.w + gap <= other.x or other.x + other.w + gap <= self.x or
                    self.y + self.h + gap <= other.y or other.y + other.h + gap <= self.y)

    def moved(self, dx: float, dy: float) -> "Box":
        return Box(self.x + dx, self.y + dy, self.w, self.h, self.kind, self.text)


@lru_cache(maxsize=4096)
def _label_size(rows: tuple[str, ...], font: float) -> tuple[float, float]:
    width = max(text_width(row, font) for row in rows) + 6
    return width, len(rows) * font * LINE_HEIGHT + 4


@dataclass
class _Node:
    index: int
    connection: Connection
    ring: int
    hollow: bool
    lines: list[str]
    missed: bool
    x: float = 0.0
    y: float = 0.0
    side: int = 1  # label to the right (1) or to the left (-1) of the marker
    theta: float = 0.0  # angle of the marker from Me

    @property
    def half(self) -> float:
        return _half_size(self.connection.kind)

    def label_size(self, font: float) -> tuple[float, float]:
        return _label_size(tuple(self.lines + (["missed"] if self.missed else [])), font)

    def boxes(self, font: float) -> tuple[Box, Box]:
        """The marker's box and the label's box beside it (on the `side`)."""
        h = self.half
        marker = Box(self.x - h, self.y - h, 2 * h, 2 * h, "marker", self.connection.label)
        w, lh = self.label_size(font)
        x = self.x + h + LABEL_GAP if self.side > 0 else self.x - h - LABEL_GAP - w
        label = Box(x, self.y - lh / 2, w, lh, "label", " ".join(self.lines))
        return marker, label


@dataclass
class _Fixed:
    """A piece of fixed text (sector title, ring name) placed by the layout."""
    text: str
    x: float  # text anchor point (middle of baseline)
    y: float
    size: float
    bold: bool
    role: str

    def box(self) -> Box:
        w = text_width(self.text, self.size, self.bold) + 8
        h = self.size * LINE_HEIGHT + 4
        return Box(self.x - w / 2, self.y - self.size - 2, w, h, "fixed", self.text)


@dataclass
class Layout:
    width: float
    height: float
    cx: float
    cy: float
    radii: list[float]  # outer edge of each ring band
    nodes: list[_Node]
    fixed: list[_Fixed]
    font: float
    legend_x: float
    legend_y: float
    legend_scale: float
    title: str
    subtitle: str

    def boxes(self) -> list[Box]:
        out = [Box(self.cx - ME_RADIUS, self.cy - ME_RADIUS, 2 * ME_RADIUS, 2 * ME_RADIUS,
                   "marker", "Me")]
        for node in self.nodes:
            out.extend(node.boxes(self.font))
        out.extend(f.box() for f in self.fixed)
        return out


def _any_overlap(new: list[Box], placed: list[Box]) -> bool:
    for i, a in enumerate(new):
        for b in new[i + 1:]:
            if a.overlaps(b, GAP):
                return True
        for b in placed:
            if a.overlaps(b, GAP):
                return True
    return False


def _distances(box: Box) -> tuple[float, float]:
    """Nearest and farthest distance of a box from Me (the origin)."""
    x1, x2, y1, y2 = box.x, box.x + box.w, box.y, box.y + box.h
    dx = x1 if x1 > 0 else (-x2 if x2 < 0 else 0.0)
    dy = y1 if y1 > 0 else (-y2 if y2 < 0 else 0.0)
    return math.hypot(dx, dy), math.hypot(max(-x1, x2), max(-y1, y2))


def _in_sector(kind: str, boxes: tuple[Box, Box], ring_gap: float) -> bool:
    """People keep above the horizontal line; places keep bottom-left and activities
    bottom-right, clear of the column straight down that carries the ring names."""
    for b in boxes:
        if kind == "person" and b.y + b.h > -GAP:
            return False
        if kind == "place" and (b.y < GAP or b.x + b.w > -ring_gap):
            return False
        if kind == "activity" and (b.y < GAP or b.x < ring_gap):
            return False
    return True


def _ring_label(ring: int, radius: float, font: float) -> _Fixed:
    size = max(10.5, font - 1.5)
    # Sits on the ring line, straight down (between Places and Activities).
    return _Fixed(RING_NAMES[ring], 0.0, radius + size * 0.35, size, False, "ring")


RADIAL_STEP = 4.0
ARC_STEP = 6.0
WINDOW = 1.0  # how far from its own slice's middle a node may move, in slices


class _Grid:
    """Placed boxes, bucketed by area so a candidate is checked only against its
    neighbours."""
    CELL = 80.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box):
        c = self.CELL
        for i in range(math.floor(box.x / c), math.floor((box.x + box.w) / c) + 1):
            for j in range(math.floor(box.y / c), math.floor((box.y + box.h) / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def remove(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells[key] = [b for b in self.cells[key] if b is not box]

    def hits(self, box: Box) -> bool:
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if box.overlaps(other, GAP):
                    return True
        return False


SHIFT_COST = 0.5  # px of ring size worth one px of moving a node off its ideal angle


def _candidates(node: _Node, font: float, radius: float, ideal: float, slice_: float,
                bounds: tuple[float, float], lo: float, hi: float | None, grid: _Grid,
                ring_gap: float):
    """Every free spot for the node's marker at distance `radius` from Me, at angles
    within its slice (give or take WINDOW slices) and strictly between `bounds` (its
    neighbours' angles, keeping the map's order), with marker and label inside the
    sector and the ring [lo, hi]. Yields (far, shift, theta, side, x, y)."""
    kind = node.connection.kind
    steps = int(abs(slice_) * WINDOW * radius / ARC_STEP)
    direction = 1 if slice_ > 0 else -1
    low, high = min(bounds), max(bounds)
    for k in range(steps + 1):
        for sign in ((1,) if k == 0 else (-1, 1)):
            theta = ideal + sign * direction * k * ARC_STEP / radius
            if not low < theta < high:
                continue
            # Labels point away from the vertical centre line.
            node.side = 1 if math.cos(theta) > -1e-9 else -1
            node.x, node.y = radius * math.cos(theta), radius * math.sin(theta)
            boxes = node.boxes(font)
            if not _in_sector(kind, boxes, ring_gap):
                continue
            dists = [_distances(b) for b in boxes]
            if min(d[0] for d in dists) < lo + GAP:
                continue
            far = max(d[1] for d in dists)
            if hi is not None and far > hi - GAP - 2:
                continue
            if any(grid.hits(b) for b in boxes):
                continue
            yield far, k * ARC_STEP, theta, node.side, node.x, node.y


def _layout_rings(nodes: list[_Node], font: float) -> tuple[list[float], list[_Fixed]]:
    """Place nodes ring by ring from the centre out (coordinates relative to Me).

    Each sector's nodes of a ring get equal slices of the sector's angle, in the map's
    order, with labels on the side away from the vertical centre line. First pass:
    each node takes the free spot that keeps its ring smallest, trading a little size
    for staying near the middle of its slice; crowded nodes so stagger outwards by
    themselves. The ring's outer circle goes just beyond its farthest node, so every
    node and label lies wholly inside its ring. Second pass: each node moves, where
    there is room, towards the middle of its ring and its slice, so sparse sectors do
    not hug the inner edge."""
    grid = _Grid()
    grid.add(Box(-ME_RADIUS, -ME_RADIUS, 2 * ME_RADIUS, 2 * ME_RADIUS, "marker", "Me"))
    radii: list[float] = []
    fixed: list[_Fixed] = []
    ring_gap = max(_ring_label(r, 0, font).box().w for r in range(3)) / 2 + GAP
    lo = ME_RADIUS + 6
    for ring in range(3):
        hi = lo + BAND_MIN
        plans = []  # (node, ideal angle, slice, sector start, sector end)
        for kind, (_, start, end) in SECTORS.items():
            members = [n for n in nodes if n.ring == ring and n.connection.kind == kind]
            slice_ = (end - start) / max(1, len(members))
            previous = start
            for i, node in enumerate(members):
                ideal = start + (i + 0.5) * slice_
                plans.append((node, ideal, slice_, start, end))
                best = None
                radius = lo + node.half + GAP
                while best is None or radius + node.half < best[0]:
                    for far, shift, theta, side, x, y in _candidates(
                            node, font, radius, ideal, slice_, (previous, end), lo, None,
                            grid, ring_gap):
                        score = far + SHIFT_COST * shift
                        if best is None or score < best[0] - 0.01:
                            best = (score, far, theta, side, x, y)
                    radius += RADIAL_STEP
                _, far, node.theta, node.side, node.x, node.y = best
                previous = node.theta
                for b in node.boxes(font):
                    grid.add(b)
                hi = max(hi, far + GAP + 2)
        # Second pass: towards the middle of the ring and of the slice, where there is room.
        middle = (lo + hi) / 2
        for j, (node, ideal, slice_, start, end) in enumerate(plans):
            mine = node.boxes(font)
            for b in mine:
                grid.remove(b)
            before = [p[0].theta for p in plans[:j] if p[3] == start]
            after = [p[0].theta for p in plans[j + 1:] if p[3] == start]
            bounds = (before[-1] if before else start, after[0] if after else end)
            best = (abs(math.hypot(node.x, node.y) - middle)
                    + SHIFT_COST * abs(node.theta - ideal) * math.hypot(node.x, node.y),
                    node.theta, node.side, node.x, node.y)
            radius = lo + node.half + GAP
            while radius < hi:
                for _, shift, theta, side, x, y in _candidates(
                        node, font, radius, ideal, slice_, bounds, lo, hi, grid, ring_gap):
                    score = abs(radius - middle) + SHIFT_COST * shift
                    if score < best[0] - 0.01:
                        best = (score, theta, side, x, y)
                radius += RADIAL_STEP
            _, node.theta, node.side, node.x, node.y = best
            for b in node.boxes(font):
                grid.add(b)
        label = _ring_label(ring, hi, font)
        grid.add(label.box())
        fixed.append(label)
        radii.append(hi)
        lo = hi
    return radii, fixed


def _sector_titles(radius: float, boxes: list[Box], counts: dict[str, int]) -> list[_Fixed]:
    """"People" above the rings, "Places" and "Activities" at the lower corners; a
    sector with nothing in it says "none yet" under its name."""
    out = []
    size = 19.0
    for kind, (title, start, end) in SECTORS.items():
        mid = (start + end) / 2
        for push in range(300):
            r = radius + 20 + push * 6
            x, y = r * math.cos(mid), r * math.sin(mid)
            if kind == "person":
                y -= 2 + (26 if not counts[kind] else 0)
            else:
                y += size  # below the diagonal point, so it reads as the corner's title
                x += (text_width(title, size, True) / 2 + 4) * (1 if math.cos(mid) > 0 else -1)
            pieces = [_Fixed(title, x, y, size, True, "sector")]
            if not counts[kind]:
                pieces.append(_Fixed("none yet", x, y + 26, 13.0, False, "note"))
            if not _any_overlap([p.box() for p in pieces], boxes):
                break
        out += pieces
        boxes = boxes + [p.box() for p in pieces]
    return out


def _count_words(wmap: WellbeingMap) -> str:
    parts = []
    for kind, one, many in (("person", "person", "people"), ("place", "place", "places"),
                            ("activity", "activity", "activities")):
        n = len(wmap.of_kind(kind))
        parts.append(f"{n} {one if n == 1 else many}")
    text = ", ".join(parts)
    if wmap.time_at_home:
        text += f". Time at home: {Q.TIME_AT_HOME_WORDS[wmap.time_at_home]}"
    return text + "."


def layout(wmap: WellbeingMap, title: str | None = None) -> Layout:
    """Work out where everything goes. Used by render_svg and label_boxes alike."""
    nodes = []
    for index, c in enumerate(wmap.connections):
        if c.kind not in SECTORS:  # not a layer the map knows: leave it out
            continue
        ring, hollow = ring_of(c)
        nodes.append(_Node(index, c, ring, hollow, label_lines(c.display), bool(c.missed)))
    font = LABEL_SIZE
    radii, fixed = _layout_rings(nodes, font)
    boxes = [Box(-ME_RADIUS, -ME_RADIUS, 2 * ME_RADIUS, 2 * ME_RADIUS, "marker", "Me")]
    boxes += [b for n in nodes for b in n.boxes(font)] + [f.box() for f in fixed]
    counts = {kind: len(wmap.of_kind(kind)) for kind in SECTORS}
    fixed = fixed + _sector_titles(radii[-1], boxes, counts)
    boxes += [f.box() for f in fixed[3:]]

    # Bounds of the map (circles and every box), then shift it below the heading.
    outer = radii[-1]
    min_x = min([-outer] + [b.x for b in boxes])
    max_x = max([outer] + [b.x + b.w for b in boxes])
    min_y = min([-outer] + [b.y for b in boxes])
    max_y = max([outer] + [b.y + b.h for b in boxes])
    map_w, map_h = max_x - min_x, max_y - min_y
    # Big maps shrink on paper: the heading and legend grow with them, within reason.
    scale = max(1.0, min(1.5, map_h / 900))
    heading = title_text(title)
    subtitle = _count_words(wmap)
    head_h = (24 + 10 + 14 + 18) * scale
    map_left, map_top = MARGIN, MARGIN + head_h
    dx, dy = map_left - min_x, map_top - min_y
    for node in nodes:
        node.x, node.y = node.x + dx, node.y + dy
    for f in fixed:
        f.x, f.y = f.x + dx, f.y + dy
    legend_w, legend_h = (v * scale for v in legend_size())
    legend_x = map_left + map_w + 36
    heading_w = max(text_width(heading, 24, True), text_width(subtitle, 14)) * scale
    width = max(legend_x + legend_w, MARGIN + heading_w) + MARGIN
    height = map_top + max(map_h, legend_h) + MARGIN
    return Layout(width=round(width), height=round(height), cx=dx, cy=dy, radii=radii,
                  nodes=nodes, fixed=fixed, font=font, legend_x=legend_x, legend_y=map_top,
                  legend_scale=scale, title=heading, subtitle=subtitle)


def label_boxes(wmap: WellbeingMap, title: str | None = None) -> list[Box]:
    """Every text and marker box on the map as laid out (SVG user units): node labels
    ("label"), node markers and Me ("marker"), sector and ring names ("fixed")."""
    return layout(wmap, title).boxes()


TITLE_CHARS = 60


def title_text(title: str | None) -> str:
    """The heading as shown (the full title is the SVG's <title>)."""
    text = clean(title) or "My wellbeing map"
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rstrip() + ELLIPSIS


# --- legend ----------------------------------------------------------------------------
_LEGEND_TEXT = 13.5
_LEGEND_ROW = 24.0


def _legend_rows() -> list[tuple[str, object, str]]:
    rows: list[tuple[str, object, str]] = [("title", None, "How to read this map")]
    rows.append(("head", None, "Rings"))
    rows += [("text", None, t) for t in (
        "Me is in the middle.",
        "People nearer the middle feel closer.",
        "Places and activities nearer the",
        "middle happen more often:",
        "inner \u2013 most days; middle \u2013 every",
        "week; outer \u2013 every month or less.")]
    rows.append(("head", None, "How it feels for you"))
    for key in ("positive", "negative", "mixed", "neutral", None):
        rows.append(("effect", key, EFFECTS[key].words))
    rows.append(("head", None, "Shapes"))
    rows += [("shape", "person", "Person"), ("shape", "place", "Place"),
             ("shape", "activity", "Activity"),
             ("hollow", None, "White centre: not said how close"),
             ("text2", None, "or how often (shown on outer ring)")]
    rows.append(("head", None, "Lines"))
    rows += [("tie", "knows", "Know each other"),
             ("tie", "does_with", "Do it together / it happens there")]
    return rows


def legend_size() -> tuple[float, float]:
    width = 0.0
    height = 0.0
    for kind, _, text in _legend_rows():
        indent = 48 if kind in ("effect", "shape", "hollow", "text2", "tie") else 0
        size = {"title": 17, "head": 14.5}.get(kind, _LEGEND_TEXT)
        width = max(width, indent + text_width(text, size, kind in ("title", "head")))
        height += _row_height(kind)
    return width + 24, height + 20


def _row_height(kind: str) -> float:
    return {"title": 30, "head": 30, "text": 19, "text2": 19}.get(kind, _LEGEND_ROW + 8)


# --- drawing ---------------------------------------------------------------------------
def _f(v: float) -> str:
    s = f"{v:.1f}"
    return "0" if s in ("0.0", "-0.0") else s[:-2] if s.endswith(".0") else s


def _shape(kind: str, x: float, y: float, half: float, fill: str, stroke: str,
           stroke_width: float, dash: str | None = None) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    common = (f'fill="{fill}" stroke="{stroke}" stroke-width="{_f(stroke_width)}"'
              f'{extra}')
    if kind == "person":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(half)}" {common}/>'
    if kind == "place":
        return (f'<rect x="{_f(x - half)}" y="{_f(y - half)}" width="{_f(2 * half)}" '
                f'height="{_f(2 * half)}" rx="4" {common}/>')
    points = " ".join(f"{_f(px)},{_f(py)}" for px, py in
                      ((x, y - half), (x + half, y), (x, y + half), (x - half, y)))
    return f'<polygon points="{points}" stroke-linejoin="round" {common}/>'


def _marker(kind: str, x: float, y: float, effect: str | None, hollow: bool,
            scale: float = 1.0) -> list[str]:
    style = EFFECTS.get(effect, EFFECTS[None])
    half = _half_size(kind) * scale
    out = []
    if hollow:
        # White centre; the effect colour as a thick band just inside a dark outline.
        band = 4.5 * scale
        inset = band / 2 + 0.6 * scale
        out.append(_shape(kind, x, y, half - inset * (1.4 if kind == "activity" else 1),
                          "#FFFFFF", style.band, band, None))
        out.append(_shape(kind, x, y, half, "none", INK, style.outline * scale,
                          style.dash))
        ink = "#000000"
    else:
        out.append(_shape(kind, x, y, half, style.fill, INK, style.outline * scale,
                          style.dash))
        ink = style.ink
    size = SYMBOL_SIZE * scale
    out.append(f'<text x="{_f(x)}" y="{_f(y + size * 0.36)}" font-size="{_f(size)}" '
               f'font-weight="bold" text-anchor="middle" fill="{ink}" '
               f'aria-hidden="true">{esc(style.symbol)}</text>')
    return out


def _node_svg(node: _Node, font: float) -> list[str]:
    c = node.connection
    effect = c.effect if c.effect in EFFECTS else None
    attrs = (f'id="node-{node.index + 1}" data-kind="{esc(c.kind)}" '
             f'data-effect="{esc(effect or "none")}" data-ring="{node.ring}"'
             + (' data-hollow="true"' if node.hollow else ""))
    out = [f"<g {attrs}>", f"<title>{esc(describe(c))}</title>"]
    out += _marker(c.kind, node.x, node.y, effect, node.hollow)
    _, label = node.boxes(font)
    out.append(f'<rect x="{_f(label.x)}" y="{_f(label.y)}" width="{_f(label.w)}" '
               f'height="{_f(label.h)}" rx="3" fill="#FFFFFF" fill-opacity="0.88"/>')
    rows = [(line, False) for line in node.lines] + ([("missed", True)] if node.missed else [])
    anchor, tx = ("start", label.x + 3) if node.side > 0 else ("end", label.x + label.w - 3)
    for i, (row, italic) in enumerate(rows):
        baseline = label.y + 2 + font * (0.95 + i * LINE_HEIGHT)
        style = ' font-style="italic"' if italic else ""
        fill = SOFT_INK if italic else INK
        out.append(f'<text x="{_f(tx)}" y="{_f(baseline)}" font-size="{_f(font)}" '
                   f'text-anchor="{anchor}" fill="{fill}"{style} data-role="label">'
                   f'{esc(row)}</text>')
    out.append("</g>")
    return out


def _legend_svg(lay: Layout) -> list[str]:
    k = lay.legend_scale
    out = [f'<g id="legend" transform="translate({_f(lay.legend_x)},{_f(lay.legend_y)})'
           + (f" scale({k:.3f})" if k != 1 else "") + '">']
    w, h = legend_size()
    out.append(f'<rect x="0" y="0" width="{_f(w)}" height="{_f(h)}" rx="8" fill="#FFFFFF" '
               f'stroke="#8C8C8C" stroke-width="1"/>')
    y = 10.0
    x0 = 12.0
    for kind, key, text in _legend_rows():
        row_h = _row_height(kind)
        mid = y + row_h / 2
        if kind in ("title", "head"):
            size = 17 if kind == "title" else 14.5
            out.append(f'<text x="{_f(x0)}" y="{_f(y + row_h - 9)}" font-size="{_f(size)}" '
                       f'font-weight="bold" fill="{INK}">{esc(text)}</text>')
        elif kind in ("text", "text2"):
            out.append(f'<text x="{_f(x0 + (48 if kind == "text2" else 0))}" '
                       f'y="{_f(y + row_h - 5)}" font-size="{_f(_LEGEND_TEXT)}" '
                       f'fill="{INK}">{esc(text)}</text>')
        else:
            if kind == "effect":
                out += _marker("person", x0 + 21, mid, key, False)
            elif kind == "shape":
                out += _shape_sample(str(key), x0 + 21, mid)
            elif kind == "hollow":
                out += _marker("person", x0 + 21, mid, "positive", True)
            elif kind == "tie":
                colour, sw, dash = TIE_STYLE[str(key)]
                extra = (f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else "")
                out.append(f'<line x1="{_f(x0 + 2)}" y1="{_f(mid)}" x2="{_f(x0 + 40)}" '
                           f'y2="{_f(mid)}" stroke="{colour}" stroke-width="{_f(sw + 0.6)}"'
                           f'{extra}/>')
            out.append(f'<text x="{_f(x0 + 48)}" y="{_f(mid + _LEGEND_TEXT * 0.36)}" '
                       f'font-size="{_f(_LEGEND_TEXT)}" fill="{INK}">{esc(text)}</text>')
        y += row_h
    out.append("</g>")
    return out


def _shape_sample(kind: str, x: float, y: float) -> list[str]:
    return [_shape(kind, x, y, _half_size(kind) * 0.85, "#FFFFFF", INK, 1.5)]


def _tie_words(wmap: WellbeingMap) -> list[tuple[Connection, Connection, str, str]]:
    """(a, b, kind, sentence) for each drawable tie, in the map's order."""
    by_id = {c.id: c for c in wmap.connections}
    out = []
    for tie in wmap.ties:
        a, b = by_id.get(tie.source), by_id.get(tie.target)
        if a is None or b is None or a is b:
            continue
        if tie.kind == "knows":
            sentence = f"{a.display} and {b.display} know each other"
        elif tie.kind in ("does_with", "happens_at"):
            activity, other = (a, b) if a.kind == "activity" else (b, a)
            word = "with" if tie.kind == "does_with" else "at"
            sentence = f"{activity.display} {word} {other.display}"
        else:
            continue
        out.append((a, b, tie.kind, sentence))
    return out


def text_alternative(wmap: WellbeingMap) -> str:
    """The map's content as plain text, for screen readers and SMS."""
    lines = ["A wellbeing map with Me in the middle."]
    if not wmap.connections:
        lines.append("Nothing has been added yet.")
        return "\n".join(lines)
    lines.append(readback(wmap))
    not_placed = [c.display for c in wmap.connections if ring_of(c)[1]]
    if not_placed:
        lines.append("Not said how close or how often (shown on the outer ring): "
                     + ", ".join(not_placed) + ".")
    links = [sentence for *_, sentence in _tie_words(wmap)]
    if links:
        lines.append("Links: " + "; ".join(links) + ".")
    return "\n".join(clean(line) for line in "\n".join(lines).split("\n"))


def render_svg(wmap: WellbeingMap, title: str | None = None) -> str:
    lay = layout(wmap, title)
    nodes_by_id = {n.connection.id: n for n in lay.nodes}
    W, H = lay.width, lay.height
    k = lay.legend_scale
    scale_down = min(1.0, 1600 / W)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="map-title map-desc" viewBox="0 0 {W} {H}" '
        f'width="{_f(W * scale_down)}" height="{_f(H * scale_down)}" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="map-title">{esc(clean(title) or lay.title)}</title>',
        f'<desc id="map-desc">{esc_multiline(text_alternative(wmap))}</desc>',
        f'<rect x="0" y="0" width="{W}" height="{H}" fill="#FFFFFF"/>',
        f'<text x="{_f(MARGIN)}" y="{_f(MARGIN + 24 * k)}" font-size="{_f(24 * k)}" '
        f'font-weight="bold" fill="{INK}" data-role="heading">{esc(lay.title)}</text>',
        f'<text x="{_f(MARGIN)}" y="{_f(MARGIN + 48 * k)}" font-size="{_f(14 * k)}" '
        f'fill="{SOFT_INK}">{esc(lay.subtitle)}</text>',
    ]
    cx, cy = lay.cx, lay.cy
    # Rings: shaded bands, inner darkest, so the circles read even in greyscale.
    out.append('<g id="rings">')
    for ring in (2, 1, 0):
        shade = ("#EEF3F8", "#F5F8FB", "#FBFCFD")[ring]
        out.append(f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(lay.radii[ring])}" '
                   f'fill="{shade}" stroke="#7A7A7A" stroke-width="1.4"/>')
    outer = lay.radii[-1]
    for angle in (0.0, math.pi / 2, math.pi):  # sector dividers
        x1, y1 = cx + (ME_RADIUS + 6) * math.cos(angle), cy + (ME_RADIUS + 6) * math.sin(angle)
        x2, y2 = cx + outer * math.cos(angle), cy + outer * math.sin(angle)
        out.append(f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
                   f'stroke="#B3B3B3" stroke-width="1" stroke-dasharray="4 4"/>')
    out.append("</g>")
    # Ties under the nodes.
    out.append('<g id="ties">')
    for a, b, kind, sentence in _tie_words(wmap):
        if a.id not in nodes_by_id or b.id not in nodes_by_id:
            continue
        na, nb = nodes_by_id[a.id], nodes_by_id[b.id]
        colour, sw, dash = TIE_STYLE[kind]
        extra = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
        out.append(f'<line x1="{_f(na.x)}" y1="{_f(na.y)}" x2="{_f(nb.x)}" y2="{_f(nb.y)}" '
                   f'stroke="{colour}" stroke-width="{_f(sw)}"{extra} data-tie="{kind}">'
                   f'<title>{esc(sentence)}</title></line>')
    out.append("</g>")
    # Me.
    out.append('<g id="me"><title>Me</title>'
               f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(ME_RADIUS)}" fill="#FFFFFF" '
               f'stroke="{INK}" stroke-width="3"/>'
               f'<text x="{_f(cx)}" y="{_f(cy + 7)}" font-size="20" font-weight="bold" '
               f'text-anchor="middle" fill="{INK}">Me</text></g>')
    out.append('<g id="connections">')
    for node in lay.nodes:
        out += _node_svg(node, lay.font)
    out.append("</g>")
    out.append('<g id="names">')
    for f in lay.fixed:
        if f.role == "ring":
            box = f.box()
            out.append(f'<rect x="{_f(box.x)}" y="{_f(box.y)}" width="{_f(box.w)}" '
                       f'height="{_f(box.h)}" rx="3" fill="#FFFFFF" stroke="#7A7A7A" '
                       f'stroke-width="1"/>')
            out.append(f'<text x="{_f(f.x)}" y="{_f(f.y)}" font-size="{_f(f.size)}" '
                       f'text-anchor="middle" fill="{SOFT_INK}" font-style="italic" '
                       f'data-role="ring">{esc(f.text)}</text>')
        elif f.role == "note":
            out.append(f'<text x="{_f(f.x)}" y="{_f(f.y)}" font-size="{_f(f.size)}" '
                       f'font-style="italic" text-anchor="middle" fill="{SOFT_INK}" '
                       f'data-role="note">{esc(f.text)}</text>')
        else:
            out.append(f'<text x="{_f(f.x)}" y="{_f(f.y)}" font-size="{_f(f.size)}" '
                       f'font-weight="bold" text-anchor="middle" fill="{INK}" '
                       f'data-role="sector">{esc(f.text)}</text>')
    out.append("</g>")
    out += _legend_svg(lay)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def esc_multiline(text: str) -> str:
    return "\n".join(esc(line) for line in text.split("\n"))


# --- PNG -------------------------------------------------------------------------------
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
             "/usr/share/fonts/TTF", "/usr/local/share/fonts")


def render_png(wmap: WellbeingMap, title: str | None = None, scale: float = 2.0) -> bytes:
    """The same picture as PNG bytes, rendered by resvg (a self-contained wheel: no
    system libraries; system fonts are used, DejaVu Sans first)."""
    import resvg_py

    svg = render_svg(wmap, title)
    dirs = [d for d in FONT_DIRS if os.path.isdir(d)]
    return bytes(resvg_py.svg_to_bytes(
        svg_string=svg, background="#ffffff", zoom=scale, font_dirs=dirs or None,
        font_family="DejaVu Sans", sans_serif_family="DejaVu Sans"))


def picture_title(name: str | None) -> str | None:
    """"Rowan's wellbeing map" when the person gave a name; the default otherwise."""
    return f"{name}'s wellbeing map" if name else None
