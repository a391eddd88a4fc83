"""Where the commands find the content: the folders given on the command line, the sections mkdocs.yml sets."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.pipeline import Layout
from briefing.read.sections import configured_sections


def cli_layout(args: argparse.Namespace) -> Layout:
    """The Layout of the project at --root; a malformed `sections` option in mkdocs.yml exits with its message."""
    try:  # the fact sections mkdocs.yml configures, read without MkDocs
        sections = configured_sections(Path(args.root) / "mkdocs.yml")
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    return Layout(Path(args.root), args.briefings_dir, args.sources_dir, args.schemas_dir, sections)
