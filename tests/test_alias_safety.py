"""Names that would hijack common words or imitate another spelling, and phrases that must never link
(issue 9, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.link.linking import AliasSpec, build_alias_index, link_html
from briefing.pipeline import Layout, load_briefing
from briefing.read.name_rules import name_problem
from hostile_fixtures import COUNTRY, LEADER, check, make_project

SHEET = "briefings/countries/north-korea.yml"
COMMON = (
    "is a common English word and would link it wherever it appears; give a longer name, or, for an acronym "
    "written in capitals (US), list it under case_sensitive too"
)
SHORT = (
    "has fewer than 3 letters and would link inside ordinary text; list it under case_sensitive to match it only "
    "exactly as written (it must have a capital: US, Xi)"
)


def country_with(lines: str) -> dict[str, str | bytes | None]:
    return {SHEET: COUNTRY.replace("name: North Korea\n", "name: North Korea\n" + lines)}


def test_aliases_that_are_common_words_are_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path, country_with("aliases: [a, The, US, May, NK]\n"))
    code, lines = check(root)
    assert lines == [
        f"{SHEET}:2:11: aliases[0]: 'a' {COMMON}",
        f"{SHEET}:2:14: aliases[1]: 'The' {COMMON}",
        f"{SHEET}:2:19: aliases[2]: 'US' {COMMON}",
        f"{SHEET}:2:23: aliases[3]: 'May' {COMMON}",
        f"{SHEET}:2:28: aliases[4]: 'NK' {SHORT}",
    ]
    assert code == 1
    # Refused names are left out of the index: "a" links nothing even while the error stands.
    index = load_briefing(Layout(root)).index
    assert [m.entity_id for m in index.find_mentions("a cat, The end, May I, US, NK")] == []


def test_a_declared_case_sensitive_acronym_is_accepted_and_matches_only_as_written(tmp_path: Path) -> None:
    root = make_project(tmp_path, country_with("aliases: [DPRK, NK, 'N.K.']\ncase_sensitive: [NK, 'N.K.']\n"))
    assert check(root) == (0, [])
    index = load_briefing(Layout(root)).index
    assert [m.matched_text for m in index.find_mentions("NK and N.K. but not Nk, nk or n.k.")] == ["NK", "N.K."]


def test_case_sensitive_does_not_rescue_a_lower_case_or_capitalised_common_word(tmp_path: Path) -> None:
    root = make_project(tmp_path, country_with("aliases: [nk, May]\ncase_sensitive: [nk, May]\n"))
    code, lines = check(root)
    assert code == 1
    assert lines == [f"{SHEET}:2:11: aliases[0]: 'nk' {SHORT}", f"{SHEET}:2:15: aliases[1]: 'May' {COMMON}"]


def test_case_sensitive_lists_only_names_of_the_sheet(tmp_path: Path) -> None:
    code, lines = check(make_project(tmp_path, country_with("case_sensitive: [NK]\n")))
    assert code == 1
    assert lines == [
        f"{SHEET}:2:18: case_sensitive[0]: 'NK' is not a name of this sheet; list names from name, aliases, "
        "native_names"
    ]


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        (
            "Кim Jong Un",
            "'Кim Jong Un' mixes scripts in the word 'Кim': U+041A CYRILLIC CAPITAL LETTER KA (looks like Latin 'K') "
            "among Latin letters; type it in one script",
        ),
        (
            "Ｋim Jong Un",
            "'Ｋim Jong Un' has U+FF2B FULLWIDTH LATIN CAPITAL LETTER K, a full-width or compatibility form; write 'K'",
        ),
        (
            "Kim Jοng Un",
            "'Kim Jοng Un' mixes scripts in the word 'Jοng': U+03BF GREEK SMALL LETTER OMICRON (looks like Latin 'o') "
            "among Latin letters; type it in one script",
        ),
    ],
)
def test_look_alike_spellings_are_refused_with_their_code_points(tmp_path: Path, alias: str, message: str) -> None:
    leader = LEADER.replace("name: Kim Jong Un\n", f"name: Kim Jong Un\naliases: ['{alias}']\n")
    code, lines = check(make_project(tmp_path, {"briefings/leaders/kim-jong-un.yml": leader}))
    assert lines == [f"briefings/leaders/kim-jong-un.yml:2:11: aliases[0]: {message}"]
    assert code == 1


@pytest.mark.parametrize(
    "name",
    [
        "김정은",
        "Владимир Путин",
        "金正恩",
        "東京タワー",
        "Côte d'Ivoire",
        "Goïta",
        "U.N. Security Council",
        "UN 안보리",
    ],
)
def test_names_in_one_script_or_an_accepted_mix_stay_fine(name: str) -> None:
    assert name_problem(name, case_sensitive=False) is None


def test_native_names_in_one_non_latin_script_are_accepted(tmp_path: Path) -> None:
    leader = LEADER.replace("name: Kim Jong Un\n", "name: Kim Jong Un\nnative_names: [김정은, Ким Чен Ын]\n")
    assert check(make_project(tmp_path, {"briefings/leaders/kim-jong-un.yml": leader})) == (0, [])


BENIN = AliasSpec("benin", "country", "Benin", not_links=("Benin City",))
NIGERIA = AliasSpec("nigeria", "country", "Nigeria")


def test_a_not_links_phrase_never_links_the_name_inside_it() -> None:
    index, clashes = build_alias_index([BENIN, NIGERIA])
    assert clashes == []
    text = "Benin City lies in Nigeria, not in Benin; BENIN CITY too."
    assert [(m.entity_id, m.matched_text) for m in index.find_mentions(text)] == [
        ("nigeria", "Nigeria"),
        ("benin", "Benin"),
    ]
    assert index.ambiguous == {}
    linked = link_html(f"<p>{text}</p>", index, lambda e: f"../{e}/", every_mention=True).html
    assert linked == (
        '<p>Benin City lies in <a class="briefing-xref" href="../nigeria/" data-entity="nigeria">Nigeria</a>, '
        'not in <a class="briefing-xref" href="../benin/" data-entity="benin">Benin</a>; BENIN CITY too.</p>'
    )


def test_a_sheet_declares_not_links_and_the_index_honours_it(tmp_path: Path) -> None:
    root = make_project(tmp_path, country_with("not_links: [North Korea Watch]\n"))
    assert check(root) == (0, [])
    index = load_briefing(Layout(root)).index
    assert [m.matched_text for m in index.find_mentions("North Korea Watch reports on North Korea")] == ["North Korea"]


def test_not_links_cannot_silence_the_sheets_own_name(tmp_path: Path) -> None:
    code, lines = check(make_project(tmp_path, country_with("not_links: [north korea]\n")))
    assert code == 1
    assert lines == [
        f"{SHEET}:2:13: not_links[0]: 'north korea' is a name of this sheet; a phrase under not_links must never link"
    ]
