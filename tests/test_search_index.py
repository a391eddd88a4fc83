"""The offline edition's search index: one entry per page, names kept, text cut cleanly."""

from __future__ import annotations

import json

from briefing.publish.search_index import fold_to_pages
from conftest import Project

INDEX = {
    "config": {"lang": ["en"]},
    "docs": [
        {
            "location": "leaders/kim/",
            "title": "Kim Jong Un",
            "text": "<p>Leader of North Korea.</p>",
            "tags": ["Kim Jong-un"],
        },
        {"location": "leaders/kim/#roles", "title": "Roles", "text": "Leader of North Korea, in office"},
        {"location": "leaders/kim/#references", "title": "References", "text": "Example Wire"},
        {"location": "sources/x/", "title": "A source", "text": "word " * 200},
    ],
}


def test_sections_fold_into_their_page_and_tags_stay() -> None:
    folded = fold_to_pages(INDEX, text_limit=300)
    assert folded["config"] == {"lang": ["en"]}
    assert folded["docs"][0] == {
        "location": "leaders/kim/",
        "title": "Kim Jong Un",
        "text": "<p>Leader of North Korea.</p> Roles Leader of North Korea, in office References Example Wire",
        "tags": ["Kim Jong-un"],
    }
    assert [d["location"] for d in folded["docs"]] == ["leaders/kim/", "sources/x/"]


def test_text_is_cut_at_a_word_and_never_inside_a_tag() -> None:
    folded = fold_to_pages(INDEX, text_limit=23)
    assert folded["docs"][0]["text"] == "<p>Leader of North …"
    folded = fold_to_pages(INDEX, text_limit=12)
    assert folded["docs"][0]["text"] == "<p>Leader …"
    assert folded["docs"][1]["text"] == "word word …"


def test_offline_option_folds_the_built_index(small_project: Project) -> None:
    config = small_project.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace('today: "2026-11-22"', 'today: "2026-11-22"\n      search_index: pages')
    )
    result = small_project.build()
    assert result.returncode == 0, result.stderr
    index = json.loads((small_project.root / "site/search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert all("#" not in location for location in locations)
    assert sorted(locations) == [
        "",
        "countries/",
        "countries/north-korea/",
        "events/",
        "grades/",
        "graph/",
        "leaders/",
        "leaders/kim-jong-un/",
        "organisations/",
        "review/",
        "sources/",
        "sources/vladivostok/",
        "timeline/",
        "topics/",
        "whats-new/",
    ]
    leader = next(doc for doc in index["docs"] if doc["location"] == "leaders/kim-jong-un/")
    assert leader["tags"] == ["Kim Jong-un"]
    assert len(leader["text"]) <= 302
    assert "search index folded to one entry per page" in result.stderr


def test_auto_leaves_a_small_index_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefing.publish.search_index import fold_index_file

    (tmp_path / "search").mkdir()
    path = tmp_path / "search" / "search_index.json"
    path.write_text(json.dumps(INDEX), encoding="utf-8")
    assert fold_index_file(tmp_path, above=4) is None
    assert json.loads(path.read_text(encoding="utf-8")) == INDEX
    assert fold_index_file(tmp_path, above=3) == (4, 2)
    assert [d["location"] for d in json.loads(path.read_text(encoding="utf-8"))["docs"]] == [
        "leaders/kim/",
        "sources/x/",
    ]
