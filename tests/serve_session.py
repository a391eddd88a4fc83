"""Runs the builds of one `mkdocs serve` session in this process, as `mkdocs serve` runs them, for tests.

    python tests/serve_session.py PROJECT OUT STEPS.json [--dirty | --cold]

STEPS.json is a list of edits, `{"write": {path: text}, "delete": [path]}` (paths relative to
PROJECT). For each step the edits are made, the site is rebuilt exactly as `mkdocs serve`'s
builder rebuilds it (a fresh config each time, the same plugin instances, `serve_url` set), and
OUT/<n>/ receives a copy of the served site folder; OUT/<n>.log the log lines (`LEVEL: message`)
and, when the build raised, a last line `FAILED: ...`. The livereload server itself is left out:
it only decides when to call the builder.

With --cold every step is built as the first build of a new `mkdocs serve` (plugins started
afresh, an empty site folder, no `--dirty`): the reference an incremental rebuild must equal.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def apply(project: Path, step: dict[str, object]) -> None:
    for rel, text in dict(step.get("write") or {}).items():  # type: ignore[call-overload]
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(text), encoding="utf-8")
    for rel in list(step.get("delete") or []):  # type: ignore[call-overload]
        (project / rel).unlink()


def main() -> None:
    project, out, steps_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    dirty, cold = "--dirty" in sys.argv[4:], "--cold" in sys.argv[4:]
    steps = json.loads(steps_file.read_text(encoding="utf-8"))
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    lines = _Lines()
    logging.getLogger("mkdocs").addHandler(lines)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    config_file = str(project / "mkdocs.yml")
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=dirty)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
    try:
        for number, step in enumerate(steps):
            apply(project, step)
            if number and cold:
                shutil.rmtree(site_dir)
                site_dir = tempfile.mkdtemp(prefix="mkdocs_")
            if number:
                config = load_config(config_file=config_file, site_dir=site_dir)
                if cold:
                    config.plugins.on_startup(command="serve", dirty=False)
            config.site_url = serve_url
            lines.lines.clear()
            try:
                build(config, serve_url=serve_url, dirty=dirty)
            except (Exception, SystemExit) as error:  # serve logs the failure and keeps serving
                lines.lines.append(f"FAILED: {type(error).__name__}: {error}")
            shutil.copytree(site_dir, out / str(number), symlinks=True)
            (out / f"{number}.log").write_text("\n".join(lines.lines) + "\n", encoding="utf-8")
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
