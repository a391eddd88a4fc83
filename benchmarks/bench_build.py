"""Build time of a synthetic briefing against plain MkDocs on the same number of pages, in one run.

    .venv/bin/python benchmarks/bench_build.py --sheets 500 --sources 100

Both builds use Material and the same nav (index pages only); the plain build gets one
Markdown page per generated page, of similar length. Machines are shared and noisy, so the
number to read is the ratio, measured in the same run, best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KINDS = ("countries", "leaders", "topics", "organisations")
NAV = """nav:
  - Home: index.md
  - Countries: countries/index.md
  - Leaders: leaders/index.md
  - Organisations: organisations/index.md
  - Topics: topics/index.md
  - Sources: sources/index.md
"""
CONFIG = (
    """site_name: Bench
docs_dir: briefings
theme: {{name: material, font: false}}
plugins:
  - search
{plugin}
markdown_extensions: [attr_list, footnotes, tables, toc]
"""
    + NAV
)
WORDS = "the missile programme alliance sanctions summit delegation ministry council statement".split()


def sentence(n: int) -> str:
    return " ".join(WORDS[(n * 7 + i) % len(WORDS)] for i in range(18)).capitalize() + "."


def write_briefing(root: Path, sheets: int, sources: int) -> None:
    (root / "sources").mkdir(parents=True)
    for s in range(sources):
        paragraphs = "\n\n".join(f"Paragraph {p} of source {s}. {sentence(s + p)}" for p in range(1, 9))
        (root / "sources" / f"src-{s}.md").write_text(
            f"---\ntitle: Source {s}\npublished: 2025-01\nlanguage: en\n---\n{paragraphs}\n", encoding="utf-8"
        )
    for n in range(sheets):
        kind = KINDS[n % len(KINDS)]
        folder = root / "briefings" / kind
        folder.mkdir(parents=True, exist_ok=True)
        facts = "".join(
            f"  - text: Fact {f} about entity {n}. {sentence(n + f)}\n    as_of: 2025-01\n"
            f"    about: [entity-{(n + f + 1) % sheets}]\n"
            f"    citations:\n      - source: src-{(n + f) % sources}\n"
            f'        quote: "Paragraph {f + 1} of source {(n + f) % sources}."\n'
            for f in range(5)
        )
        roles = (
            "roles:\n  - title: Minister\n    status: current\n    as_of: 2025-01\n"
            f"    citations: [{{source: src-{n % sources}, paragraph: 1}}]\n"
            if kind == "leaders"
            else ""
        )
        (folder / f"entity-{n}.yml").write_text(
            f"name: Entity Number {n}\naliases: [Alias {n}]\nsummary: Entity {n} of the benchmark.\n"
            f"{roles}facts:\n{facts}",
            encoding="utf-8",
        )
    shutil.copytree(REPO / "schemas", root / "schemas")
    plugin = "  - briefing:\n      today: '2026-11-22'"
    (root / "mkdocs.yml").write_text(CONFIG.format(plugin=plugin), encoding="utf-8")


def write_plain(root: Path, pages: int) -> None:
    docs = root / "briefings"
    for n in range(pages):
        folder = docs / KINDS[n % len(KINDS)]
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(f"## Section {f}\n\n{sentence(n + f)} {sentence(n - f)}[^{f}]" for f in range(5))
        notes = "\n".join(f"[^{f}]: Source {f}, paragraph {f}." for f in range(5))
        (folder / f"page-{n}.md").write_text(f"# Page {n}\n\n{body}\n\n{notes}\n", encoding="utf-8")
    for index in ("index.md", *(f"{k}/index.md" for k in KINDS), "sources/index.md"):
        (docs / index).parent.mkdir(parents=True, exist_ok=True)
        (docs / index).write_text("# Index\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(plugin=""), encoding="utf-8")


def build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheets", type=int, default=200)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours, plain = Path(tmp, "ours"), Path(tmp, "plain")
        write_briefing(ours, args.sheets, args.sources)
        pages = args.sheets + args.sources
        write_plain(plain, pages)
        ours_times, plain_times = [], []
        for _ in range(args.repeat):
            plain_times.append(build(plain))
            ours_times.append(build(ours))
        built = len(list((ours / "site").rglob("index.html")))
        best_ours, best_plain = min(ours_times), min(plain_times)
        print(f"pages: {built} generated (briefing) vs {pages + 6} Markdown (plain MkDocs)")
        print(f"briefing build: {best_ours:.2f} s   plain MkDocs: {best_plain:.2f} s   (best of {args.repeat})")
        print(f"ratio briefing/plain: {best_ours / best_plain:.2f}")


if __name__ == "__main__":
    main()
