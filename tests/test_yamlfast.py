"""The libyaml fast path builds exactly the tree the careful reader builds, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.problems import ContentError
from briefing.read.yamlfast import fast_tree
from briefing.read.yamlread import read_yaml

REPO = Path(__file__).resolve().parents[1]
DEMO_SHEETS = sorted((REPO / "briefings").rglob("*.yml"))


def careful_tree(text: str, offset: int = 0):  # type: ignore[no-untyped-def]
    import briefing.read.yamlfast as fast

    saved, fast._CLoader = fast._CLoader, None
    try:
        return read_yaml(text, "x.yml", line_offset=offset)
    finally:
        fast._CLoader = saved


@pytest.mark.parametrize("sheet", DEMO_SHEETS, ids=lambda p: p.stem)
def test_fast_and_careful_trees_are_equal_on_the_demo(sheet: Path) -> None:
    text = sheet.read_text(encoding="utf-8")
    fast = fast_tree(text)
    assert fast is not None
    assert fast == careful_tree(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: NO\nb: 'x'\nc: \"y\"\nd: 12:30\ne: 1e3\nf: 2011-12-17\ng:\nh: ''\ni: |\n  block\nj: >-\n  folded\n",
        "list: [1, two, 'three', {k: v}]\nnested:\n  - - deep\n    - x\n",
        "k: ~\nl: null\nm: ! nonspecific\n",
        '名前: 김정은\nrtl: "abc"\n',
        "null\n",  # not a mapping: the schema stage says so, not the reader
    ],
)
def test_fast_and_careful_trees_are_equal_on_every_scalar_style(text: str) -> None:
    assert fast_tree(text, line_offset=3) == careful_tree(text, 3)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!python/object/apply:os.system [ls]\n",  # tag
        "a: [\n",  # syntax
        "",  # empty
        "a: 1\n---\nb: 2\n",  # two documents
        "a: \x07\n",  # a character YAML forbids
        "[" * 60 + "]" * 60,  # too deep
        "? [a]\n: b\n",  # a key that is a list
    ],
)
def test_fast_path_steps_aside_for_anything_the_careful_reader_reports(text: str) -> None:
    assert fast_tree(text) is None
    with pytest.raises(ContentError):
        careful_tree(text)


@pytest.mark.parametrize("style", ["flow", "block"])
def test_fast_path_nests_as_deep_as_the_careful_reader_and_no_deeper(style: str) -> None:
    from briefing.read.ynode import MAX_DEPTH

    def nested(depth: int) -> str:  # `depth` levels of nodes, the innermost a scalar
        if style == "flow":
            return "[" * (depth - 1) + "x" + "]" * (depth - 1) + "\n"
        return "".join(f"{'  ' * level}k:\n" for level in range(depth - 2)) + "  " * (depth - 2) + "k: x\n"

    deepest = nested(MAX_DEPTH)
    assert fast_tree(deepest) == careful_tree(deepest)
    assert fast_tree(nested(MAX_DEPTH + 1)) is None
    with pytest.raises(ContentError, match="nested more than"):
        careful_tree(nested(MAX_DEPTH + 1))
