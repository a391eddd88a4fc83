"""Authoring: a new source article from a saved text or HTML page, and what `briefing new` shares.

Both write one new file and never overwrite: a contributor's work is never lost to a typo in an
id. Everything written is checked against the same schemas the build uses before it is written,
so what these functions write always passes `briefing check`. Refusals raise `Refused` with a
message naming what is wrong; the CLI prints it.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from briefing.authoring.article_text import article_paragraphs, is_html
from briefing.check.quotes import text_hash
from briefing.model import PartialDate
from briefing.pipeline import Layout, Loaded, load_briefing
from briefing.problems import ContentError, Refused
from briefing.read.files import RESERVED_IDS, check_id, split_front_matter, split_paragraphs
from briefing.read.schema_check import check_against_schema
from briefing.read.yamlread import MAX_FILE_BYTES, read_yaml


@dataclass(frozen=True)
class SourceFields:
    """The front matter of a new source, as given on the command line (None: not given)."""

    url: str
    published: str
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    language: str | None = "en"
    """None: en."""
    retrieved: str | None = None


@dataclass(frozen=True)
class MentionCount:
    entity_id: str
    name: str
    count: int


@dataclass(frozen=True)
class ImportedSource:
    path: str
    source_id: str
    paragraphs: tuple[str, ...]
    sha256: str
    mentions: tuple[MentionCount, ...]
    """Known entities the article names, by name; ambiguous names are never counted."""
    same_url: tuple[str, ...] = ()
    """Sources already in the folder with the same url: perhaps the same article, saved twice."""


# Letters NFKD leaves whole; without them "Støre" would become "stre".
_LATIN_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D"}
    | {"ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)


_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc"})
_POSSESSIVE = re.compile(r"'s\b")


def derive_id(text: str, max_length: int = 80) -> str:
    """An id made of `text`'s Latin letters and digits: "Assimi Goïta" -> "assimi-goita".

    An apostrophe breaks words ("Côte d'Ivoire" -> "cote-d-ivoire"), except a possessive 's
    ("North Korea's" -> "north-koreas"); whole words are dropped from the end to keep within
    `max_length`. Empty when the text has no Latin letter or digit.
    """
    text = text.translate(_APOSTROPHES)
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS)).encode("ascii", "ignore").decode()
    derived = ""
    for word in re.findall(r"[a-z0-9]+", _POSSESSIVE.sub("s", ascii_text.lower())):
        longer = f"{derived}-{word}" if derived else word
        if len(longer) > max_length:
            break
        derived = longer
    return derived


def valid_id(entity_id: str, rel: str) -> None:
    if check_id(entity_id, rel) is None:
        return
    if entity_id in RESERVED_IDS:
        raise Refused(f"{entity_id!r} is a reserved name; choose another id with --id")
    raise Refused(f"{entity_id!r} is not a valid id; expected lower-case words joined by hyphens, e.g. kim-jong-un")


def project_folder(layout: Layout, folder: str, option: str) -> Path:
    path = layout.root / folder
    if not path.is_dir() or path.is_symlink():
        raise Refused(f"{folder}/: no such folder in {layout.root}; run this in the project folder or pass {option}")
    return path


def refuse_existing(path: Path, rel: str) -> None:
    if path.exists() or path.is_symlink():
        raise Refused(f"{rel} already exists; not overwritten (edit it, or choose another id with --id)")


def write_new_file(path: Path, rel: str, text: str) -> None:
    """Write `text` to a new file through a temporary sibling, so no reader ever sees half of it.

    The temporary file is created like any new file (mode 0o666 less the umask), not private
    as tempfile.mkstemp would make it, since it becomes the content file itself.
    """
    refuse_existing(path, rel)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def check_source_fields(fields: SourceFields) -> dict[str, str]:
    """The front matter fields in the order they are written; Refused names the first bad option."""
    problems = []
    parts = urlsplit(fields.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"--url: expected an address starting http:// or https://, got {fields.url!r}")
    elif re.search(r"[\s<>\"']", fields.url):
        problems.append(
            f"--url: percent-encode spaces, quotes and angle brackets (%20, %22, %27, %3C, %3E) in {fields.url!r}"
        )
    for option, value in (("--published", fields.published), ("--retrieved", fields.retrieved)):
        if value is not None:
            try:
                PartialDate.parse(value)
            except ValueError as exc:
                problems.append(f"{option}: {exc}")
    language = fields.language or "en"
    if not _LANGUAGE.match(language):
        problems.append(f"--language: expected a language code like en, ko or pt-BR, got {fields.language!r}")
    texts = {"title": fields.title, "publisher": fields.publisher, "author": fields.author}
    for key, value in texts.items():
        if value is not None and not value.strip():
            leave_out = "" if key == "publisher" else f", or leave --{key} out"
            problems.append(f"--{key}: is empty; give the {key} as the article states it{leave_out}")
    if problems:
        raise Refused("\n".join(problems))
    front = {key: " ".join(value.split()) for key, value in texts.items() if value is not None}
    front |= {"published": fields.published, "url": fields.url}
    if fields.retrieved is not None:
        front["retrieved"] = fields.retrieved
    front["language"] = language
    return front


def source_file_text(front: dict[str, str], paragraphs: list[str], digest: str) -> str:
    """The source file: front matter written by yaml.safe_dump (so no value can break it), then the text."""
    dumped = yaml.safe_dump({**front, "sha256": digest}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n\n" + "\n\n".join(paragraphs) + "\n"


def import_source(
    layout: Layout,
    article_text: str,
    article_name: str,
    fields: SourceFields,
    source_id: str | None = None,
) -> ImportedSource:
    """Write sources/<id>.md from a saved article, then list the known entities it names."""
    front = check_source_fields(fields)
    paragraphs, heading = article_paragraphs(article_text, html=is_html(article_text, article_name))
    if not paragraphs:
        found = "no <p> element with text" if is_html(article_text, article_name) else "no text"
        raise Refused(f"{article_name}: {found}; nothing to import")
    if "title" not in front and heading:
        front = {"title": heading, **front}
    if source_id is None:
        date = PartialDate.parse(fields.published).iso()
        words = derive_id(front.get("title") or Path(article_name).stem, max_length=60)
        if not words:
            raise Refused(f"cannot make an id from the title or the file name of {article_name}; give one with --id")
        source_id = f"{date}-{words}"
    folder = project_folder(layout, layout.sources_dir, "--root or --sources-dir")
    rel = f"{layout.sources_dir}/{source_id}.md"
    valid_id(source_id, rel)
    refuse_existing(folder / f"{source_id}.md", rel)
    # The hash is taken of the paragraphs exactly as the reader will find them in the file.
    draft = source_file_text(front, paragraphs, "0" * 64)
    try:
        front_yaml, body, body_line = split_front_matter(draft, rel)
        problems = check_against_schema(
            read_yaml(front_yaml, rel, line_offset=1), "source", rel, layout.root / layout.schemas_dir
        )
    except ContentError as exc:
        problems = [exc.problem]
    if problems:
        raise Refused("\n".join(p.format() for p in problems))
    read_back = split_paragraphs(body, body_line)
    digest = text_hash(read_back)
    text = source_file_text(front, paragraphs, digest)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise Refused(f"{rel}: the article text is over {MAX_FILE_BYTES:,} bytes; import only the article itself")
    loaded = load_briefing(layout)
    others = loaded.briefing.sources.values()
    if same_text := [s.origin.path for s in others if text_hash(s.paragraphs) == digest]:
        raise Refused(f"{same_text[0]} already holds this article's text; not imported again")
    write_new_file(folder / f"{source_id}.md", rel, text)
    texts = tuple(p.text for p in read_back)
    same_url = tuple(s.origin.path for s in others if s.url == front["url"])
    return ImportedSource(rel, source_id, texts, digest, count_mentions(loaded, texts), same_url)


def count_mentions(loaded: Loaded, texts: Iterable[str]) -> tuple[MentionCount, ...]:
    """How often each known entity is named in `texts`, by the same alias index that links pages."""
    counts = Counter(m.entity_id for text in texts for m in loaded.index.find_mentions(text))
    entities = loaded.briefing.entities
    found = [MentionCount(e, entities[e].name, n) for e, n in counts.items() if e in entities]
    return tuple(sorted(found, key=lambda m: (m.name.casefold(), m.entity_id)))
