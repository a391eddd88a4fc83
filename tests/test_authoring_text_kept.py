"""Authoring never loses text: front matter is read as fields, a quote across paragraphs is named as such."""

from __future__ import annotations

import pytest

from briefing.cli import main
from conftest import LEADER_YML, Project

MARKDOWN_ARTICLE = """\
---
title: Sahel leaders meet in Bamako
author: A. Writer
date: 2024-07-06
url: https://example.com/sahel
publisher: Example Wire
tags: [sahel]
---
Colonel Assimi Goïta received the delegation in Bamako.

The talks will resume in August.
"""


def run(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project.root)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_source_reads_front_matter_as_fields_never_as_text(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("saved.md", MARKDOWN_ARTICLE)
    code, out, err = run(project, monkeypatch, capsys, "add-source", "saved.md", "--author", "B. Editor")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("wrote sources/2024-07-06-sahel-leaders-meet-in-bamako.md: 2 paragraphs, ")
    assert out.splitlines()[-1] == (
        "next: cite it as `source: 2024-07-06-sahel-leaders-meet-in-bamako` with an exact quote, then run: briefing check"
    )
    written = (project.root / "sources/2024-07-06-sahel-leaders-meet-in-bamako.md").read_text(encoding="utf-8")
    front, body = written.split("---\n")[1:3]
    assert front.splitlines()[:6] == [
        "title: Sahel leaders meet in Bamako",
        "publisher: Example Wire",
        "author: B. Editor",  # the command line wins over the front matter
        "published: '2024-07-06'",
        "url: https://example.com/sahel",
        "language: en",
    ]
    assert body == "\nColonel Assimi Goïta received the delegation in Bamako.\n\nThe talks will resume in August.\n"


def test_add_source_without_a_needed_field_anywhere_refuses_and_says_where_to_give_it(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("saved.md", MARKDOWN_ARTICLE.replace("publisher: Example Wire\n", ""))
    code, out, err = run(project, monkeypatch, capsys, "add-source", "saved.md")
    assert (code, out) == (1, "")
    assert err == "saved.md: no --publisher: give it on the command line or in the file's front matter\n"
    project.write("plain.txt", "Some text.\n")
    code, out, err = run(project, monkeypatch, capsys, "add-source", "plain.txt")
    assert (
        err
        == "plain.txt: no --url, --publisher, --published: give them on the command line or in the file's front matter\n"
    )
    assert list((project.root / "sources").iterdir()) == []


def test_add_source_refuses_front_matter_it_cannot_read(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("saved.md", "---\ntitle: Bamako\n\nThe talks resumed.\n")
    code, out, err = run(project, monkeypatch, capsys, "add-source", "saved.md", "--url", "https://example.com/x",
                         "--publisher", "Example Wire", "--published", "2024")  # fmt: skip
    assert (code, out) == (1, "")
    assert err == (
        "saved.md:1:1: front matter is not closed; add a line '---' after its fields\n"
        "saved.md: its front matter cannot be read; fix it, or delete it and give --title, --url, --publisher "
        "and --published on the command line\n"
    )


def test_a_quote_across_two_paragraphs_is_named_as_such(small_project: Project) -> None:
    spanning = "condemned the Western sanctions imposed on both countries. North Korean leader Kim Jong-un"
    small_project.write(
        "briefings/leaders/kim-jong-un.yml", LEADER_YML.replace("North Korean leader Kim Jong-un", spanning)
    )
    result = small_project.check()
    assert result.returncode == 1
    assert result.stdout == (
        "briefings/leaders/kim-jong-un.yml:13:16: roles[0].citations[0].quote: the quote runs from paragraph 2 "
        "into paragraph 3 of sources/vladivostok.md; a quote must lie within one paragraph: quote the part that "
        "backs the claim, or cite each part\n"
    )


def test_new_keeps_word_breaks_at_apostrophes_and_says_what_next(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(project, monkeypatch, capsys, "new", "country", "Côte d'Ivoire")
    assert (code, err) == (0, "")
    assert out == (
        "wrote briefings/countries/cote-d-ivoire.yml\n"
        "next: write the summary, add facts with citations (the comments show how), then run: briefing check\n"
    )
