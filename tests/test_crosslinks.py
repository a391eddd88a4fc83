"""The cross-link stage as the loader builds it from fact sheets."""

from __future__ import annotations

from briefing.pipeline import Layout, load_briefing
from conftest import Project


def test_a_sheet_can_keep_its_accents_significant(project: Project) -> None:
    project.write("briefings/leaders/assimi-goita.yml", "name: Assimi Goïta\nsummary: S.\nroles: []\nfacts: []\n")
    project.write(
        "briefings/countries/cote-d-ivoire.yml",
        "name: Côte d’Ivoire\nfold_diacritics: false\nsummary: S.\nfacts: []\n",
    )
    loaded = load_briefing(Layout(project.root))
    assert loaded.problems == []
    text = "Assimi Goita met officials of Cote d’Ivoire and of Côte d’Ivoire."
    found = [(m.entity_id, m.matched_text) for m in loaded.index.find_mentions(text)]
    assert found == [("assimi-goita", "Assimi Goita"), ("cote-d-ivoire", "Côte d’Ivoire")]


def test_fold_diacritics_must_be_true_or_false(project: Project) -> None:
    project.write("briefings/countries/mali.yml", "name: Mali\nfold_diacritics: maybe\nsummary: S.\nfacts: []\n")
    loaded = load_briefing(Layout(project.root))
    assert [p.format() for p in loaded.problems] == [
        "briefings/countries/mali.yml:2:18: fold_diacritics: expected true or false, got 'maybe'"
    ]
