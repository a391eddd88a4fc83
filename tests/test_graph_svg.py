"""Relations graphs: what a reader checks in the picture, the table and the overview."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing.render.pictures import graph

GraphNode, GraphEdge = graph.GraphNode, graph.GraphEdge
SVG = "{http://www.w3.org/2000/svg}"

NODES = [
    GraphNode("nk", "North Korea", "country", "../north-korea/"),
    GraphNode("ru", "Russia", "country", "../russia/"),
    GraphNode("cn", "People's Republic of China", "country", "../china/"),
    GraphNode("kju", "Kim Jong Un", "leader", "../kim-jong-un/"),
    GraphNode("unsc", "United Nations Security Council", "organisation", "../unsc/"),
    GraphNode("nuc", "Nuclear weapons programme", "topic", "../nuclear/"),
    GraphNode("t6", "Sixth nuclear test", "event", "../sixth-test/"),
    GraphNode("ir", "Iran", "country", "../iran/"),
    GraphNode("evil", '<script>alert(1)</script> "quoted"', "topic", "javascript:alert(1)"),
]
EDGES = [
    GraphEdge("nk", "ru", "supplies arms to", "since 2023"),
    GraphEdge("ru", "nk", "supplies oil to", "since 2022"),
    GraphEdge("cn", "nk", "trades with", ""),
    GraphEdge("kju", "nk", "leads", "since 2011"),
    GraphEdge("unsc", "nk", "sanctions", "2006–2017"),
    GraphEdge("nk", "nuc", "develops", ""),
    GraphEdge("nk", "t6", "conducted", "2017-09-03"),
    GraphEdge("nk", "ir", "cooperates on missiles with", ""),
    GraphEdge("evil", "nk", 'mentions <b>"x"</b>', ""),
    GraphEdge("ru", "cn", "borders", ""),
]


def picture() -> str:
    out: str = graph.neighbourhood_svg("nk", NODES, EDGES, title="Relations of North Korea", id_prefix="nk-rel")
    return out


# Pictures link with xlink:href (graph_nodes.XLINK says why); a plain href would be read too by a browser.
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def links(svg: str) -> dict[str, str]:
    root = ET.fromstring(svg)
    return {a.findtext(f"{SVG}title", ""): a.get(XLINK_HREF, "") for a in root.iter(f"{SVG}a")}


@pytest.mark.parametrize(
    ("label", "href"),
    [
        ("Russia (country)", "../russia/"),
        ("People's Republic of China (country)", "../china/"),
        ("Kim Jong Un (leader)", "../kim-jong-un/"),
        ("United Nations Security Council (organisation)", "../unsc/"),
        ("Nuclear weapons programme (topic)", "../nuclear/"),
        ("Sixth nuclear test (event)", "../sixth-test/"),
        ("North Korea (country)", "../north-korea/"),
    ],
)
def test_each_node_links_to_its_page(label: str, href: str) -> None:
    assert links(picture())[label] == href


def test_javascript_href_is_dropped_and_node_still_drawn() -> None:
    svg = picture()
    assert "javascript" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; (topic)" in svg
    assert "<script" not in svg and "<b>" not in svg


@pytest.mark.parametrize(
    "fragment",
    ["supplies arms to →", "since 2023", "← supplies oil to", "← leads", "since 2011", "2006–2017", "← develops"],
)
def test_edge_labels_and_dates_are_written(fragment: str) -> None:
    texts = "".join(ET.fromstring(picture()).itertext())
    assert fragment in texts


def test_relation_sentences_in_tooltips() -> None:
    svg = picture()
    assert (
        "<title>North Korea supplies arms to Russia (since 2023); Russia supplies oil to North Korea (since 2022)</title>"
        in svg
    )
    assert "borders" not in svg  # a relation between two neighbours is not this picture's business


def test_title_desc_and_role() -> None:
    root = ET.fromstring(picture())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "nk-rel-title"
    assert root.get("aria-describedby") == "nk-rel-desc"
    assert root.findtext(f"{SVG}title") == "Relations of North Korea"
    assert "8 entities" in root.findtext(f"{SVG}desc", "")


def test_neighbours_go_round_by_kind_then_label() -> None:
    titles = [t for t in links(picture()) if t != "North Korea (country)"]
    assert titles == [
        "Iran (country)",
        "People's Republic of China (country)",
        "Russia (country)",
        "Kim Jong Un (leader)",
        "United Nations Security Council (organisation)",
        "Nuclear weapons programme (topic)",
        "Sixth nuclear test (event)",
    ]


def test_many_neighbours_keep_the_best_connected_and_count_the_rest() -> None:
    nodes = [GraphNode("c", "Centre", "country", "c/")] + [
        GraphNode(f"n{i:02}", f"Neighbour {i:02}", "topic", f"n{i:02}/") for i in range(40)
    ]
    edges = [GraphEdge("c", f"n{i:02}", "relates to", "") for i in range(40)]
    edges += [GraphEdge(f"n{i:02}", "c", "answers", "") for i in range(30, 40)]
    svg = graph.neighbourhood_svg("c", nodes, edges, title="t", id_prefix="p", max_neighbours=24)
    shown = links(svg)
    assert all(f"Neighbour {i:02} (topic)" in shown for i in range(30, 40))  # two relations each
    assert "Neighbour 29 (topic)" not in shown and "Neighbour 13 (topic)" in shown
    assert ">+16 more<" in svg


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("../iran/", True),
        ("https://example.org/x?a=1&b=2", True),
        ("#section", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("", False),
    ],
)
def test_href_rules(href: str, kept: bool) -> None:
    nodes = [GraphNode("a", "A", "country", href), GraphNode("b", "B", "country", "")]
    svg = graph.neighbourhood_svg("b", nodes, [GraphEdge("a", "b", "r", "")], title="t", id_prefix="p")
    assert ("A (country)" in links(svg)) is kept
    if kept:
        assert links(svg)["A (country)"] == href


def test_table_has_the_same_relations_escaped() -> None:
    table = graph.relations_table_html("nk", NODES, EDGES)
    ET.fromstring(table)
    assert "<caption>Relations of North Korea</caption>" in table
    assert (
        '<tr><td><a href="../north-korea/">North Korea</a></td><td>supplies arms to</td>'
        '<td><a href="../russia/">Russia</a></td><td>since 2023</td></tr>'
    ) in table
    assert (
        "<td>&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;</td><td>mentions &lt;b&gt;&quot;x&quot;&lt;/b&gt;</td>"
        in table
    )
    assert table.count("<tr>") == 1 + 9


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        ([GraphNode("a", "A", "planet")], [], "kind 'planet'"),
        ([GraphNode("a", "A", "country")], [GraphEdge("a", "zz", "r")], "no node 'zz'"),
        ([GraphNode("a", "A", "country"), GraphNode("a", "B", "country")], [], "appears twice"),
    ],
)
def test_bad_input_is_refused(nodes: list[object], edges: list[object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        graph.neighbourhood_svg("a", nodes, edges, title="t", id_prefix="p")


def synthetic(n_nodes: int, n_edges: int) -> tuple[list[object], list[object]]:
    kinds = ["country", "leader", "organisation", "topic", "event"]
    nodes = [GraphNode(f"e{i:04}", f"Entity number {i}", kinds[i % 5], f"../e{i:04}/") for i in range(n_nodes)]
    edges = []
    for k in range(n_edges):
        # A few hubs and a long tail, as in a briefing; fixed arithmetic, no randomness.
        a = (k * 7919) % n_nodes
        b = (k * k * 31 + 17) % (n_nodes // 10 if k % 3 else n_nodes)
        edges.append(GraphEdge(f"e{a:04}", f"e{b:04}", "relates to", ""))
    return nodes, edges


def test_overview_at_2000_entities_stays_readable_and_small() -> None:
    nodes, edges = synthetic(2000, 5000)
    start = time.process_time()
    html = graph.overview_svg(nodes, edges, title="All relations", id_prefix="all")
    seconds = time.process_time() - start
    ET.fromstring(html)
    svgs = html.count("<svg ")
    assert len(html.encode()) < 2_500_000, len(html.encode())
    assert seconds < 10
    # Every entity is told once in words: under the one picture it belongs to, or in the closing list,
    # which holds only entities without a relation; every entity with one is drawn.
    loose = html.split("Not in a picture")[1] if "Not in a picture" in html else ""
    words = "".join(re.findall(r"<figcaption.*?</figcaption>", html)) + loose
    words = re.sub(r"From picture \d+, drawn again: .*?\.(?= [A-Z]|</figcaption>)", "", words)
    assert all(words.count(f'href="../e{i:04}/"') == 1 for i in range(2000))
    related = {e.source for e in edges} | {e.target for e in edges}  # type: ignore[attr-defined]
    drawn = "".join(re.findall(r"<svg .*?</svg>", html))
    assert all(f'xlink:href="../{node}/"' in drawn for node in related)
    assert not any(f'href="../{node}/"' in loose for node in related)
    per_picture = [part.split("</svg>")[0].count("<a ") for part in html.split("<svg ")[1:]]
    assert max(per_picture) <= 25 and svgs == len(per_picture)
    print(f"overview 2000/5000: {len(html.encode())} bytes, {svgs} pictures, {seconds:.2f} s CPU")


def test_overview_pictures_have_titles_an_index_and_their_members_in_words() -> None:
    html = graph.overview_svg(NODES, EDGES, title="All relations", id_prefix="all")
    root = ET.fromstring(html)
    first = next(root.iter(f"{SVG}svg"))
    assert first.findtext(f"{SVG}title") == "Around North Korea"
    assert '<li>Around countries: <a href="#all-p1">North Korea</a> (4 c, 1 l, 1 o, 2 t, 1 e)</li>' in html
    assert "javascript" not in html
    caption = html.split('<figcaption class="bg-overview-members">')[1].split("</figcaption>")[0]
    assert caption == (
        'Countries: <a href="../iran/">Iran</a>, <a href="../north-korea/">North Korea</a>, '
        '<a href="../china/">People&#x27;s Republic of China</a>, <a href="../russia/">Russia</a>. '
        'Leaders: <a href="../kim-jong-un/">Kim Jong Un</a>. '
        'Organisations: <a href="../unsc/">United Nations Security Council</a>. '
        'Topics: &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;, <a href="../nuclear/">Nuclear weapons programme</a>. '
        'Events: <a href="../sixth-test/">Sixth nuclear test</a>.'
    )
    assert "&lt;script&gt;" in caption and "javascript" not in caption


def star(satellites: int) -> tuple[list[object], list[object]]:
    """A country with many leaders and events, and three neighbours with a few of their own."""
    nodes = [GraphNode("hub", "Hubland", "country", "../hub/")]
    edges = []
    for i in range(satellites):
        kind = "leader" if i % 2 else "event"
        nodes.append(GraphNode(f"s{i:02}", f"Satellite {i:02}", kind, f"../s{i:02}/"))
        edges.append(GraphEdge(f"s{i:02}", "hub", "part of", ""))
    for n in range(3):
        nodes.append(GraphNode(f"n{n}", f"Neighbour {n}", "country", f"../n{n}/"))
        edges.append(GraphEdge("hub", f"n{n}", "borders", ""))
        for k in range(3):
            nodes.append(GraphNode(f"n{n}l{k}", f"Leader {n}.{k}", "leader", f"../n{n}l{k}/"))
            edges.append(GraphEdge(f"n{n}l{k}", f"n{n}", "leads", ""))
    nodes.append(GraphNode("alone", "Island with no relation", "country", "../alone/"))
    return nodes, edges


def test_overview_draws_the_entities_a_full_picture_had_no_room_for_in_a_continuation() -> None:
    """Before: a hub's picture filled up and its leaders and events went to a list of loose entities."""
    nodes, edges = star(60)
    html = graph.overview_svg(nodes, edges, title="All relations", id_prefix="all")
    root = ET.fromstring(html)
    titles = [svg.findtext(f"{SVG}title") for svg in root.iter(f"{SVG}svg")]
    assert titles[0] == "Around Hubland"
    assert "Picture 1 continued, around Hubland" in titles
    drawn = "".join(re.findall(r"<svg .*?</svg>", html))
    assert all(f'xlink:href="../{n.id}/"' in drawn for n in nodes if n.id != "alone")  # type: ignore[attr-defined]
    loose = html.split("Not in a picture (no relation on file):")[1]
    assert loose == '</p><ul><li><a href="../alone/">Island with no relation</a> (country)</li></ul></section></div>'
    assert 'From picture 1, drawn again: <a href="../hub/">Hubland</a>.' in html
    assert all(svg.count("<a ") <= 25 for svg in re.findall(r"<svg .*?</svg>", html))


SCRIPT = """
import sys
from briefing.render.pictures import graph as g
N, E = g.GraphNode, g.GraphEdge
nodes = [N(f"n{{i}}", f"Node {{i}}", ["country", "leader", "topic"][i % 3], f"n{{i}}/") for i in range(60)]
edges = [E(f"n{{i}}", f"n{{(i * 7 + 3) % 60}}", "r", "") for i in range(60)]
edges += [E("n0", f"n{{i}}", "leads", "since 2020") for i in range(1, 30)]
sys.stdout.write(g.neighbourhood_svg("n0", nodes, edges, title="t", id_prefix="p"))
sys.stdout.write(g.overview_svg(list(reversed(nodes)), edges, title="t", id_prefix="o", max_nodes=12))
sys.stdout.write(g.relations_table_html("n0", nodes, edges))
"""


def test_byte_identical_across_hash_seeds() -> None:
    tests = str(Path(__file__).resolve().parent)
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.append(
            subprocess.run(
                [sys.executable, "-c", SCRIPT.format(tests=tests)], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) > 1000


def test_input_order_does_not_matter() -> None:
    assert picture() == graph.neighbourhood_svg(
        "nk", list(reversed(NODES)), list(reversed(EDGES)), title="Relations of North Korea", id_prefix="nk-rel"
    )


def test_picture_links_are_xlink_so_materials_instant_navigation_leaves_them_alone() -> None:
    """Material assigns `el.href` on every `[href]` element; an SVG <a> throws on that, on every page."""
    nodes = [
        graph.GraphNode("a", "A", "country", "../a/"),
        graph.GraphNode("b", "B", "leader", "../b/"),
    ]
    svg = graph.neighbourhood_svg("a", nodes, [graph.GraphEdge("a", "b", "leads", "")], title="t", id_prefix="x")
    assert "<a " in svg and " href=" not in svg.replace(" xlink:href=", "")
