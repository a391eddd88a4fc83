"""JSON-LD in every page head: read back with extruct, as a search engine would, with hostile text inside."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import extruct
import pytest

from briefing.publish.jsonld import script_element
from conftest import COUNTRY_YML, Project

HOSTILE = "</script><script>alert(1)</script><!--"
SITE = "https://example.invalid/briefing/"


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!-- a & b -->", '"\\u003c!-- a \\u0026 b --\\u003e"'),
        ("김정은 “quoted”", '"김정은 “quoted”"'),
    ],
)
def test_script_element_escapes_what_could_end_it(value: str, inside: str) -> None:
    script = script_element({"name": value})
    assert script == f'<script type="application/ld+json">{{"name":{inside}}}</script>'
    assert json.loads(script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")) == {
        "name": value
    }


def graph(site: Path, rel: str) -> list[dict[str, Any]]:
    html = (site / rel).read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert head.count('<script type="application/ld+json">') == 1, rel
    found = extruct.extract(html, base_url=SITE + rel, syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert len(found) == 1, rel
    nodes: list[dict[str, Any]] = found[0]["@graph"]
    return nodes


@pytest.mark.slow
def test_every_page_has_json_ld_of_the_right_types(small_project: Project) -> None:
    small_project.write("briefings/countries/north-korea.yml", COUNTRY_YML.replace(
        "Its leader travelled to Russia by armoured train.", f"Its leader travelled by train. {HOSTILE}"
    ))  # fmt: skip
    result = small_project.build()
    assert result.returncode == 0, result.stderr
    site = small_project.root / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    for rel in pages:
        assert graph(site, rel)[0]["@type"] == "WebPage", rel
    types = {rel: [n["@type"] for n in graph(site, rel)] for rel in pages}
    assert types["leaders/kim-jong-un/index.html"] == ["WebPage", "Person", "Claim", "Claim"]
    assert types["countries/north-korea/index.html"] == ["WebPage", "Country", "Claim"]
    assert types["sources/vladivostok/index.html"] == ["WebPage", "NewsArticle"]
    assert types["whats-new/index.html"] == ["WebPage"]

    page, person, met, _ = graph(site, "leaders/kim-jong-un/index.html")
    assert page["about"] == {"@id": person["@id"]} and person["name"] == "Kim Jong Un"
    assert person["jobTitle"] == ["Leader of North Korea"]
    assert met["@id"] == SITE + "leaders/kim-jong-un/#fact-1"
    assert met["text"] == "Met Vladimir Putin in Vladivostok."
    assert met["datePublished"] == "2023-09-13"
    assert met["author"] == {"@type": "Person", "name": "A. Writer"}
    [appearance] = met["appearance"]
    assert appearance["@type"] == "NewsArticle"
    assert appearance["url"] == SITE + "sources/vladivostok/#p1"
    assert appearance["@id"] == graph(site, "sources/vladivostok/index.html")[1]["@id"]

    claim = graph(site, "countries/north-korea/index.html")[2]
    assert claim["text"] == f"Its leader travelled by train. {HOSTILE}"  # kept whole, inside the JSON
    html = (site / "countries/north-korea/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")
