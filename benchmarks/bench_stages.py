"""CPU seconds of each briefing stage of a build, in one process, without MkDocs or a profiler.

Run from the repository root on a project (e.g. one from benchmarks/synth.py):

    .venv/bin/python benchmarks/bench_stages.py /tmp/p1000 [--repeat 2]

Times, with time.process_time(), what the plugin does for a build: load_briefing (read and
check), resolve, render_all and the briefing pages (Jinja, pictures), build_outputs (API, feed,
JSON-LD, history), and link_html over every generated page as MkDocs hands it over (the page's
HTML blocks around its headings, rendered here by Python-Markdown with the project's extensions).
Comparing two sizes shows which stage grows faster than the pages. The last line is a digest of
every page and output, to check that a change leaves them byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import markdown
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from briefing.link.linking import link_html
from briefing.pipeline import Layout, load_briefing
from briefing.publish.outputs import OutputSettings, build_outputs
from briefing.render.briefing_pages import render_briefing_pages
from briefing.render.html_page import is_html_body, joined_html, markdown_skeleton
from briefing.render.pages import render_all
from briefing.render.resolve import resolve
from briefing.render.urls import Hrefs, entity_uri


def _briefing_options(config: dict) -> dict:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "briefing" in plugin:
            return plugin["briefing"] or {}
    return {}


def run(root: Path) -> tuple[dict[str, float], str]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options = _briefing_options(config)
    docs, sources = config.get("docs_dir", "docs"), options.get("sources_dir", "sources")
    today = __import__("datetime").date.fromisoformat(str(options["today"]))
    times: dict[str, float] = {}
    digest = hashlib.sha256()

    def timed(name: str, call):  # type: ignore[no-untyped-def]
        start = time.process_time()
        result = call()
        times[name] = times.get(name, 0.0) + time.process_time() - start
        return result

    layout = Layout(root, docs, sources, options.get("schemas_dir", "schemas"))
    loaded = timed("load_briefing", lambda: load_briefing(layout, today))
    resolved = timed("resolve", lambda: resolve(loaded.briefing, today, index=loaded.index, pages_text={}))
    pages = timed("render_all", lambda: render_all(resolved, directory_urls=True, site_name="S",
                                                   briefings_dir=docs, sources_dir=sources))  # fmt: skip
    pages += timed("briefing_pages", lambda: render_briefing_pages(
        resolved, loaded.index, directory_urls=True, briefings_dir=docs, sources_dir=sources
    ))  # fmt: skip
    settings = OutputSettings("S", config.get("site_url"), True, today, root, docs, sources)
    outputs = timed("build_outputs", lambda: build_outputs(resolved, settings))
    for path, content in sorted(outputs.files.items()):
        digest.update(path.encode() + (content if isinstance(content, bytes) else content.encode()))
    converter = markdown.Markdown(
        extensions=["attr_list", "footnotes", "tables", "toc"], extension_configs={"toc": {"permalink": True}}
    )
    page_entity = {entity_uri(e.kind, e.id): e.id for e in loaded.briefing.entities.values()}
    entities = loaded.briefing.entities
    for page in [*pages, *outputs.pages]:
        body = page.markdown.split("---\n", 2)[2] if page.markdown.startswith("---\n") else page.markdown
        converter.reset()
        html = (
            joined_html(converter.convert(markdown_skeleton(body)), body)
            if is_html_body(body)
            else converter.convert(body)
        )
        hrefs = Hrefs(page.src_uri, True)
        start = time.process_time()
        url_for = lambda i, h=hrefs: h(entity_uri(entities[i].kind, i))  # noqa: E731
        linked = link_html(html, loaded.index, url_for, self_id=page_entity.get(page.src_uri))
        times["link_html"] = times.get("link_html", 0.0) + time.process_time() - start
        digest.update(page.src_uri.encode() + page.markdown.encode() + linked.html.encode())
    return times, digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="runs in this process (the first pays imports)")
    args = parser.parse_args()
    for number in range(args.repeat):
        times, digest = run(args.project.resolve())
        line = " ".join(f"{name}={seconds:.2f}" for name, seconds in times.items())
        print(f"run {number + 1}: {line} total={sum(times.values()):.2f} digest={digest[:16]}")


if __name__ == "__main__":
    main()
