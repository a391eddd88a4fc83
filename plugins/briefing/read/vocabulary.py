"""The vocabularies in schemas/vocabulary.schema.json, as the build uses them: the same file editors read."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

VOCABULARY_FILE = "vocabulary.schema.json"


@cache
def _load(path: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def relation_wording(schemas_dir: Path) -> dict[str, tuple[str, str]]:
    """Relation type -> (wording from the declaring sheet, wording from the other end), in schema order.

    Raises ValueError when a type of the enum has no wording or the wording names a type the enum lacks,
    so the two lists in the file cannot drift apart.
    """
    path = schemas_dir / VOCABULARY_FILE
    if not path.is_file():
        return {}
    relation_type = _load(str(path.resolve()))["$defs"]["relation_type"]  # type: ignore[index]
    types: list[str] = relation_type["enum"]
    wording: dict[str, list[str]] = relation_type["x-wording"]
    if set(types) != set(wording):
        drift = sorted(set(types) ^ set(wording))
        raise ValueError(f"{path}: relation_type: enum and x-wording disagree about {', '.join(drift)}")
    return {name: (wording[name][0], wording[name][1]) for name in types}
