"""Accent-blind search: the index carries every accented name and word a second time, unaccented."""

from __future__ import annotations

import json

from accent_fixture import write_accented_briefing
from briefing.publish.search_accents import add_unaccented, unaccented
from conftest import Project

INDEX = {
    "config": {"lang": ["en"], "fields": {"title": {"boost": 1000.0}, "tags": {"boost": 1e6}}},
    "docs": [
        {"location": "leaders/goita/", "title": "Assimi Goïta", "text": "<p>“Goïta,” said the Burkinabè.</p>"},
        {"location": "countries/ci/", "title": "Côte d’Ivoire", "text": "", "tags": ["Kim Jong-un", "Støre"]},
        {
            "location": "leaders/kim/",
            "title": "Kim Jong Un",
            "text": "김정은 met-in kim-jong-un.yml",
            "tags": ["김정은"],
        },
    ],
}


def test_accented_names_and_words_gain_an_unaccented_twin() -> None:
    folded = add_unaccented(INDEX)
    assert folded["config"]["fields"] == {
        "title": {"boost": 1000.0},
        "tags": {"boost": 1e6},
        "folded_names": {"boost": 1e6},
        "folded_text": {"boost": 1.0},
    }
    goita, cote, kim = folded["docs"]
    assert goita == {**INDEX["docs"][0], "folded_names": "Assimi Goita", "folded_text": "Goita Burkinabe"}
    assert cote == {**INDEX["docs"][1], "folded_names": "Cote d'Ivoire Store"}
    assert kim == INDEX["docs"][2]  # nothing to fold: Hangul, hyphens and plain words stay as they are


def test_unaccented_word() -> None:
    assert [unaccented(w) for w in ("Goïta", "d’Ivoire", "“Goïta,”", "Łódź", "김정은", "ΟΔΟΣ")] == [
        "Goita", "d'Ivoire", "Goita", "Lodz", "김정은", "ΟΔΟΣ",
    ]  # fmt: skip


def test_the_built_index_carries_the_unaccented_names(project: Project) -> None:
    write_accented_briefing(project)
    result = project.build()
    assert result.returncode == 0, result.stderr
    index = json.loads((project.root / "site/search/search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert by_location["leaders/mali-leader/"]["folded_names"] == "Assimi Goita"
    assert by_location["countries/cote-d-ivoire/"]["folded_names"] == "Cote d'Ivoire"
    assert by_location["leaders/kim-jong-un/"]["tags"] == ["김정은"]
    assert "Burkinabe" in by_location["sources/sahel/#text"]["folded_text"].split()
