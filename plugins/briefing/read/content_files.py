"""What the content folders may hold: every file below `briefings/` is published unless refused here.

MkDocs copies any file of the docs folder that is not Markdown into the site as it is, and a
file of the docs folder replaces a theme file at the same address. So a pull request could add
`briefings/assets/javascripts/bundle.<hash>.min.js` (Material's script, on every page), an HTML
page or an SVG with script. The content folders therefore hold only what the project reads: fact
sheets, hand-written Markdown pages and images of a few raster formats whose first bytes match
their extension. SVG is refused rather than sanitised: an SVG image is a document that may carry
script, styles and remote references, and every picture of the briefing is built inline anyway.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from briefing.problems import Problem, sorted_problems

FACT_SHEET_SUFFIXES = (".yml", ".yaml")
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Extension -> the bytes such a file starts with (WebP: RIFF, four bytes of size, WEBP).
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
IMAGE_NAMES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
# Site folders the theme and the plugins write into: Material's scripts, styles and icons and the
# briefing's stylesheet (assets/), the search index (search/). Content never takes an address there.
RESERVED_FOLDERS = ("assets", "search")
_ALLOWED = "a fact sheet (.yml), a page (.md) or an image (.png, .jpg, .jpeg, .webp, .gif)"
# Unicode categories that are invisible or reorder text: controls, format characters (bidi
# overrides such as U+202E, zero-width spaces and joiners, U+FEFF), line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def shown_name(name: str) -> str:
    """A file name with its invisible and bidirectional characters written as escapes: 'a\\u202egpj.md'."""
    if name.isascii() and name.isprintable():  # no ASCII character is hidden but the controls
        return name
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in _HIDDEN_CATEGORIES else c for c in name)


def check_content_files(root: Path, briefings_dir: str, sources_dir: str) -> list[Problem]:
    """One problem per file of the content folders that must not be there, naming the file."""
    problems: list[Problem] = []
    for folder_name in (briefings_dir, sources_dir):
        base = root / folder_name
        if not base.is_dir() or base.is_symlink():
            continue
        for folder, dirs, names in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(n for n in (*dirs, *names) if not n.startswith(".")):
                entry = Path(folder, name)
                rel = entry.relative_to(root).as_posix()
                if shown_name(name) != name:
                    message = "the file name has invisible or text-reversing characters; rename it"
                    problems.append(Problem(shown_name(rel), 0, 0, "", message))
                elif folder_name == briefings_dir and name in names and not entry.is_symlink():
                    address = entry.relative_to(base).as_posix()
                    if problem := _check_published_file(entry, shown_name(rel), address):
                        problems.append(problem)
    return problems


def _check_published_file(path: Path, rel: str, address: str) -> Problem | None:
    top = address.split("/", 1)[0]
    if "/" in address and top in RESERVED_FOLDERS:
        return Problem(rel, 0, 0, "", reserved_message(address, top))
    suffix = path.suffix
    if suffix.lower() in FACT_SHEET_SUFFIXES or suffix in PAGE_SUFFIXES:  # .YML: files.py asks for .yml
        return None
    if suffix in IMAGE_SIGNATURES:
        with path.open("rb") as stream:
            head = stream.read(12)
        if head.startswith(IMAGE_SIGNATURES[suffix]) and (suffix != ".webp" or head[8:12] == b"WEBP"):
            return None
        kind = IMAGE_NAMES[suffix]
        message = f"expected a {kind} image, as the name says, got other content; save it as {kind} or rename it"
        return Problem(rel, 0, 0, "", message)
    if suffix.lower() == ".svg":
        got = "an SVG image, which can carry script and remote references; convert it to PNG"
    elif suffix:
        got = f"a {suffix!r} file, which would be published as it is; remove it"
    else:
        got = "a file without an extension, which would be published as it is; remove it"
    return Problem(rel, 0, 0, "", f"expected {_ALLOWED}, got {got}")


def reserved_message(address: str, top: str) -> str:
    return (
        f"published at {address}, inside {top}/, where the theme and the briefing keep their own files; "
        f"content may not use that folder: move the file elsewhere"
    )


def theme_collisions(
    problems: list[Problem], content: dict[str, Path], theme_dirs: list[str], root: Path, owned: dict[str, str]
) -> list[Problem]:
    """The content problems, with one naming both files for each content file at the address of a theme file.

    MkDocs lets a file of the docs folder replace the theme's file at the same address (that is how
    a pull request could replace Material's script). check_content_files refuses Material's and the
    briefing's folders by name; this catches any other theme's files, naming the theme's file.
    `content` maps each content file's address to its path; `owned` names addresses the site keeps.
    """
    owned = dict(owned)
    for uri in content:
        for theme_dir in theme_dirs:
            if uri not in owned and os.path.isfile(os.path.join(theme_dir, uri)):
                owner = Path(theme_dir).resolve()
                shown = owner.relative_to(root) if owner.is_relative_to(root) else Path(owner.parent.name, owner.name)
                owned[uri] = f"the theme's file {shown.as_posix()}/{uri}"
    found = []
    for uri, path in content.items():
        if uri in owned:
            message = f"published at {uri}, the address of {owned[uri]}; move the file elsewhere"
            found.append(Problem(path.relative_to(root).as_posix(), 0, 0, "", message))
    named = {problem.path for problem in found}
    return sorted_problems([*found, *(p for p in problems if p.path not in named or p.line)])
