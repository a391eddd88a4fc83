"""Property tests: random YAML at the loader, random text at the renderer, linker and sanitiser.

Whatever a contributor writes, the loader either reads it or reports our own clear error (a
`Problem` with a path), and nothing that reaches a page can run script.
"""

from __future__ import annotations

import html as html_module
import json
import tempfile
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing.check.quotes import quote_words
from briefing.link.linking import AliasIndex, link_html
from briefing.pipeline import Layout, load_briefing
from briefing.problems import ContentError
from briefing.publish.sanitize import sanitize_html
from briefing.read.schema_check import KINDS, check_against_schema
from briefing.read.yamlread import read_yaml
from briefing.render.html_page import as_markdown
from briefing.render.pages import render_all
from briefing.render.resolve import resolve
from briefing.render.urls import Hrefs, entity_uri
from hostile_fixtures import SOURCE, make_project, unsafe_markup

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

# Characters that mean something to YAML, Markdown, attr_list, HTML or URLs, plus invisible ones.
HOSTILE = st.sampled_from(
    [*"<>&\"'`:;{}[]()#!*|-?%@\\/=.,\t\n ",
     "javascript:", "JaVaScRiPt:", "java&#09;script:", "data:", "vbscript:", "<script>", "</script>",
     "<img src=x onerror=alert(1)>", '" onmouseover="alert(1)', "{: onclick=alert(1) }", "](javascript:x)",
     "&lt;", "&#x3C;", "\u202e", "\u200b", "\u00a0", "\ufeff", "\x00", "\x85", "NO", "12:30", "1e3", "~",
     "&a ", "*a", "!!python/object/apply:os.system", "---", "...", "- ", ": "]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=5)), max_size=12).map("".join)

FIELDS = ["name", "summary", "facts", "aliases", "roles", "text", "as_of", "citations", "source", "quote",
          "paragraph", "country", "capital", "title", "status", "url", "published", "language", "sha256"]  # fmt: skip
SCALARS = st.one_of(HOSTILE_TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.dates())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), HOSTILE_TEXT), inner, max_size=4),
    ),
    max_leaves=20,
)


def load_or_problem(text: str) -> None:
    """read_yaml + schema check of every kind: returns, or raises our ContentError with a located Problem."""
    try:
        tree = read_yaml(text, "briefings/countries/x.yml")
    except ContentError as exc:
        assert exc.problem.path == "briefings/countries/x.yml"
        assert exc.problem.message
        return
    for kind in (*KINDS, "source"):
        for problem in check_against_schema(tree, kind, "briefings/countries/x.yml", SCHEMAS):
            assert problem.path == "briefings/countries/x.yml" and problem.message


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT)
def test_any_text_is_read_or_refused_with_our_error(text: str) -> None:
    load_or_problem(text)


@settings(max_examples=200, deadline=None)
@given(VALUES, st.sampled_from([None, True, False]), HOSTILE_TEXT, st.integers(min_value=0, max_value=400))
def test_any_yaml_document_is_read_or_refused_with_our_error(
    value: object, flow: bool | None, noise: str, at: int
) -> None:
    """Well-formed documents of any shape, and the same documents with hostile text spliced in."""
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    load_or_problem(text)
    load_or_problem(text[:at] + noise + text[at:])


# --- the renderer and the linker -----------------------------------------------------------------------------------

# Text that passes validation, so that pages get rendered: no control characters (the loader
# tests above cover those), names also without < > and invisible format characters.
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn"))
RENDERABLE = st.lists(
    st.one_of(HOSTILE.filter(lambda s: s.isprintable()), st.text(PRINTABLE, max_size=5)), max_size=12
).map("".join)
TEXT = RENDERABLE.filter(lambda s: s.strip() != "")
# Names pass the name rules (read/name_rules.py, tested in tests/test_alias_safety.py): one script
# (Latin, with every symbol and punctuation mark of that range), no compatibility letters, and a
# first word that is neither short nor common.
NAME_CHARACTER = st.characters(max_codepoint=0x2FF, exclude_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"))
NAME = st.text(NAME_CHARACTER.filter(lambda c: unicodedata.normalize("NFKC", c) == c), min_size=1, max_size=20).map(
    lambda s: "Zed " + s.replace("<", "").replace(">", "").replace("\u00ad", "")
)
# Quoted whole, with short_quote: true, so it needs one word, not three.
PARAGRAPH = TEXT.filter(lambda s: len(s.strip()) >= 3 and quote_words(s) > 0)


def fact_sheet(name: str, summary: str, fact: str, quote: str) -> str:
    """A fact sheet with hostile values, each written as a JSON string (valid YAML) so YAML cannot eat them."""
    return (
        f"name: {json.dumps(name, ensure_ascii=False)}\n"
        f"aliases: [{json.dumps(name + ' alias', ensure_ascii=False)}]\n"
        f"summary: {json.dumps(summary, ensure_ascii=False)}\n"
        "facts:\n"
        f"  - text: {json.dumps(fact, ensure_ascii=False)}\n"
        "    as_of: '2023-09'\n"
        "    citations:\n"
        "      - source: wire\n"
        f"        quote: {json.dumps(quote, ensure_ascii=False)}\n"
        "        short_quote: true\n"
        "      - source: wire\n"
        "        paragraph: 1\n"
    )


def source(title: str, paragraph: str) -> str:
    """The base source with a hostile title and a hostile third paragraph; the base quotes still hold."""
    text = SOURCE.replace("title: Leaders meet in Vladivostok", f"title: {json.dumps(title, ensure_ascii=False)}")
    return f"{text.rstrip()}\n\n{paragraph}\n"


def rendered_html(root: Path) -> list[str]:
    """Every generated page as HTML, the way MkDocs renders it, with cross-links added; [] if not loadable."""
    loaded = load_briefing(Layout(root))
    for problem in loaded.problems:
        assert problem.path and problem.message
    if not loaded.ok:
        return []
    resolved = resolve(loaded.briefing, date(2026, 11, 22), index=loaded.index)
    pages = render_all(resolved, directory_urls=True, site_name="S", briefings_dir="briefings", sources_dir="sources")
    entities = loaded.briefing.entities
    html = []
    for page in pages:
        body = as_markdown(page.markdown.split("---\n", 2)[2].lstrip("\n"))  # the same HTML as MkDocs gets
        converted = markdown.markdown(body, extensions=["attr_list", "footnotes", "tables", "toc"])
        hrefs = Hrefs(page.src_uri, True)

        def url_for(entity_id: str, hrefs: Hrefs = hrefs) -> str:
            return hrefs(entity_uri(entities[entity_id].kind, entity_id))

        html.append(link_html(converted, loaded.index, url_for).html)
        html.append(yaml.safe_load(page.markdown.split("---\n", 2)[1])["title"])
    return html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAME, TEXT, TEXT, TEXT, PARAGRAPH)
def test_rendered_and_linked_pages_never_carry_script(
    name: str, summary: str, fact: str, title: str, paragraph: str
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = make_project(
            Path(temp),
            {
                "briefings/countries/north-korea.yml": fact_sheet(name, summary, fact, paragraph.strip()),
                "sources/wire.md": source(title, paragraph),
            },
        )
        pages = rendered_html(root)
        assume(pages)  # too many refusals fail the health check: this test must render pages
        for html in pages:
            assert "<script" not in html
            assert unsafe_markup(html) == []


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT)
def test_linker_adds_no_markup_to_escaped_text(text: str) -> None:
    escaped = f"<p>{html_module.escape(text)}</p>"
    linked = link_html(escaped, base_index(), lambda i: f"../{i}/").html
    assert "<script" not in linked
    assert unsafe_markup(linked) == []


@cache
def base_index() -> AliasIndex:
    """The alias index of the base project: North Korea, Kim Jong Un and their aliases."""
    with tempfile.TemporaryDirectory() as temp:
        return load_briefing(Layout(make_project(Path(temp)))).index


# --- the sanitiser -------------------------------------------------------------------------------------------------

TAGS = st.sampled_from(["a", "img", "script", "svg", "iframe", "p", "h2", "math", "style", "object", "form", "div"])
ATTRIBUTES = st.sampled_from(["href", "src", "onerror", "onmouseover", "style", "id", "class", "xlink:href", "srcset"])
URLS = st.sampled_from(["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#09;script:alert(1)", "data:text/html,x",
                        "vbscript:x", "https://example.com/", "../x/", "#fn:1", "&#106;avascript:alert(1)"])  # fmt: skip


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        tag = draw(TAGS)
        attrs = " ".join(
            f'{draw(ATTRIBUTES)}="{draw(st.one_of(URLS, HOSTILE_TEXT))}"' for _ in range(draw(st.integers(0, 3)))
        )
        parts.append(f"<{tag} {attrs}>{draw(HOSTILE_TEXT)}</{tag}>{draw(HOSTILE_TEXT)}")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.one_of(html_fragments(), HOSTILE_TEXT))
def test_sanitised_html_never_carries_script(html: str) -> None:
    clean = sanitize_html(html)
    assert "<script" not in clean.lower()
    assert unsafe_markup(clean) == []
