"""`briefing add-source` on a Markdown file that has front matter: its fields are read, never imported as text.

A saved article often comes as Markdown with a YAML header (title, author, date, url). Read as
plain text, that header became the first paragraph of the source, and its fields were typed a
second time on the command line. Here the header's fields fill the options the command line
left out; a header that cannot be read is refused with the line at fault.
"""

from __future__ import annotations

import dataclasses

from briefing.authoring.add_source import SourceFields
from briefing.problems import ContentError, Refused
from briefing.read.files import split_front_matter
from briefing.read.yamlread import read_yaml

# Front matter key -> SourceFields field. `date` is the name most blog engines use for `published`.
FIELD_KEYS = {
    "title": "title",
    "author": "author",
    "publisher": "publisher",
    "published": "published",
    "date": "published",
    "url": "url",
    "language": "language",
    "lang": "language",
    "retrieved": "retrieved",
}


def has_front_matter(text: str) -> bool:
    return text.lstrip("\ufeff").split("\n", 1)[0].strip() == "---"


def read_front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    """(the fields the front matter gives, by SourceFields name; the text after it).

    Keys it does not know (tags, layout, ...) are left out: they are not part of a source.
    """
    try:
        front, body, _ = split_front_matter(text.lstrip("\ufeff"), name)
        data = read_yaml(front, name, line_offset=1).to_data() if front.strip() else {}
    except ContentError as exc:
        raise Refused(f"{exc}\n{name}: its front matter cannot be read; fix it, or delete it and give --title, "
                      "--url, --publisher and --published on the command line") from None  # fmt: skip
    if not isinstance(data, dict):
        raise Refused(f"{name}:2: expected front matter fields like 'title: ...', got {type(data).__name__}")
    fields: dict[str, str] = {}
    for key, value in data.items():
        field = FIELD_KEYS.get(str(key))
        if field is None or value is None or (field in fields and key == "date"):
            continue
        if not isinstance(value, str | int) or isinstance(value, bool):  # unquoted dates stay strings
            raise Refused(f"{name}: front matter {key}: expected text, got {type(value).__name__}")
        fields[field] = str(value)
    return fields, body


def merged(given: dict[str, str | None], front: dict[str, str], name: str) -> SourceFields:
    """The fields `given` on the command line (None: not given), each missing one taken from the front matter."""
    values = {key: value for key, value in given.items() if value is not None}
    for field, value in front.items():
        values.setdefault(field, value)
    missing = [f"--{field}" for field in ("url", "publisher", "published") if not values.get(field)]
    if missing:
        raise Refused(f"{name}: no {', '.join(missing)}: give {'them' if len(missing) > 1 else 'it'} on the "
                      "command line or in the file's front matter")  # fmt: skip
    known = {f.name for f in dataclasses.fields(SourceFields)}
    return SourceFields(**{key: value for key, value in values.items() if key in known})
