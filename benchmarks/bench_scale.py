"""How the briefing build scales: synthetic briefings of several sizes, measured side by side in one run.

    .venv/bin/python benchmarks/bench_scale.py --sizes 1000,3000,12000
    .venv/bin/python benchmarks/bench_scale.py --quick          # 300 and 900 pages, to try it

For each size, a project from benchmarks/synth.py, then:

  (a) `mkdocs build` of the briefing (strict, as configured): wall time, peak RSS of the child,
      pages/s, bytes of site/search/search_index.json;
  (b) plain MkDocs + Material building the same generated Markdown with the briefing plugin off
      (the Markdown is written out by benchmarks/dump_markdown_hook.py during (d)'s first build;
      same theme, features, markdown_extensions and nav);
  (c) `briefing check` alone;
  (d) `mkdocs serve --dirty`, as `make serve` runs it: from saving an edited fact sheet to the
      edited page being served;
  and, with --bad-quotes N near-miss quotes, `briefing check` and a non-strict build (both fail).

Only command lines and files are used, never `briefing` internals. Machines are shared and noisy:
read the ratios, measured in the same run. The table is printed and written to --out; the last
line printed is `overhead=… scaling=… check_s=… rebuild=…`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_project  # the generator beside this file, not the briefing package

REPO = Path(__file__).resolve().parents[1]
HOOK = Path(__file__).resolve().parent / "dump_markdown_hook.py"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
SERVE_FLAGS = ("--dirty",)
"""What `make serve` passes. Until issue 14's incremental rebuilds it passed none: every rebuild was full."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    cpu_s: float
    """User + system CPU seconds of the child (os.wait4): far less sensitive than wall time to other
    jobs on a shared machine, so the CPU ratios are the ones to compare between runs."""
    returncode: int
    stdout: str
    stderr: str


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Runs a command to its end; the peak RSS is that child's own (os.wait4), not the harness's."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = (f.read().decode("utf-8", "replace") for f in (out, err))
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, proc.returncode, stdout, stderr)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float, proc: subprocess.Popen[bytes]) -> float | None:
    """Seconds until `url` serves a page containing `text`; None on timeout or if the server died."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            return None
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


@dataclass(frozen=True)
class Serve:
    first_build_s: float | None
    rebuild_s: float | None
    peak_mb: float
    builds: tuple[float, ...]
    rebuild_cpu_s: float | None
    """CPU seconds the serve process spent from the save to the edited page being served."""
    """What `mkdocs serve` logged as "Documentation built in N seconds", in order: more than two means
    the edit set off more than one rebuild."""


def measure_serve(project: Path, dump: Path, timeout: float) -> Serve:
    """Starts `mkdocs serve`, edits one fact's text in the first leader sheet, times until the page shows it."""
    sheet = sorted((project / "briefings" / "leaders").glob("*.yml"))[0]
    original = sheet.read_text(encoding="utf-8")
    marker = f"Benchmark edit {time.time_ns()} changed this fact."
    # The fact keeps its text and gains the marker: replacing the text would drop a hedge its quote
    # has ("according to"), a warning that fails the strict rebuild and leaves serve on the old page.
    edited, count = re.subn(r'(?m)^(  - text: ".*)"$', rf'\1 {marker}"', original, count=1)
    assert count == 1, f"no fact text to edit in {sheet}"
    port = free_port()
    url = f"http://127.0.0.1:{port}{site_path(project)}leaders/{sheet.stem}/"
    env = {**ENV, "BRIEFING_DUMP_MARKDOWN": str(dump)}
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", *SERVE_FLAGS]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=log)
        try:
            first = wait_for(url, "<h1", timeout, proc)
            rebuild = rebuild_cpu = None
            if first is not None:
                # One file event, as an editor's atomic save: written outside the watched folders, moved in.
                staged = project / f".{sheet.name}.edited"
                staged.write_text(edited, encoding="utf-8")
                cpu_before = process_cpu_s(proc.pid)
                os.replace(staged, sheet)
                rebuild = wait_for(url, marker, timeout, proc)
                rebuild_cpu = process_cpu_s(proc.pid) - cpu_before if rebuild is not None else None
        finally:
            proc.terminate()
            usage: resource.struct_rusage | None = None
            with contextlib.suppress(ChildProcessError):
                _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = 0
            sheet.write_text(original, encoding="utf-8")
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
        if first is None or rebuild is None:
            print(text[-3000:], file=sys.stderr)
    builds = tuple(float(s) for s in re.findall(r"Documentation built in ([0-9.]+) seconds", text))
    return Serve(first, rebuild, usage.ru_maxrss / 1024 if usage else 0.0, builds, rebuild_cpu)


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a running process so far (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def site_path(project: Path) -> str:
    """The path `mkdocs serve` mounts the site at: that of site_url."""
    found = re.search(r"(?m)^site_url:\s*https?://[^/\s]+(/\S*)?", (project / "mkdocs.yml").read_text("utf-8"))
    path = (found.group(1) if found and found.group(1) else "/").rstrip("/") + "/"
    return path


def plain_project(project: Path, dump: Path, plain: Path) -> None:
    """The same mkdocs.yml without the briefing plugin, the hook and strict mode, over the dumped Markdown."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  - briefing:\n(?:      .*\n)*", "", config)
    config = re.sub(r"(?m)^hooks:\n(?:  - .*\n)*", "", config)
    config = config.replace("strict: true", "strict: false")
    if plain.exists():
        shutil.rmtree(plain)
    plain.mkdir(parents=True)
    shutil.copytree(dump, plain / "briefings")
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")


def index_bytes(project: Path) -> int:
    index = project / "site" / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else 0


@dataclass(frozen=True)
class Size:
    pages: int
    sheets: int
    sources: int
    ours: Run
    ours_index: int
    plain: Run
    plain_pages: int
    plain_index: int
    plain_warnings: int
    check: Run
    serve: Serve
    bad_check: Run | None
    bad_build: Run | None
    bad_quotes_reported: int


def measure(pages: int, seed: int, bad_quotes: int, work: Path) -> Size:
    project, dump, plain = work / f"p{pages}", work / f"p{pages}-markdown", work / f"p{pages}-plain"
    counts = write_project(project, pages, seed)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nhooks:\n  - {HOOK}\n", encoding="utf-8")
    print(f"[{pages}] {counts['sheets']} sheets, {counts['sources']} sources, {counts['pages']} pages", flush=True)
    check = run([str(BIN / "briefing"), "check"], project)
    print(
        f"[{pages}] (c) briefing check {check.seconds:.2f} s, CPU {check.cpu_s:.2f} s (exit {check.returncode})",
        flush=True,
    )
    ours = run([str(BIN / "mkdocs"), "build"], project)
    if ours.returncode:
        raise SystemExit(f"briefing build failed at {pages} pages:\n{ours.stderr[-3000:]}")
    print(
        f"[{pages}] (a) briefing build {ours.seconds:.2f} s, CPU {ours.cpu_s:.2f} s, {ours.peak_mb:.0f} MB", flush=True
    )
    if dump.exists():
        shutil.rmtree(dump)
    serve = measure_serve(project, dump, timeout=max(600.0, ours.seconds * 10))
    print(
        f"[{pages}] (d) serve: first build {_s(serve.first_build_s)} s, rebuild {_s(serve.rebuild_s)} s "
        f"(CPU {_s(serve.rebuild_cpu_s)} s), logged builds {serve.builds}",
        flush=True,
    )
    plain_project(project, dump, plain)
    plain_run = run([str(BIN / "mkdocs"), "build"], plain)
    if plain_run.returncode:
        raise SystemExit(f"plain build failed at {pages} pages:\n{plain_run.stderr[-3000:]}")
    warnings = sum(1 for line in plain_run.stderr.splitlines() if line.startswith("WARNING"))
    plain_pages = sum(1 for _ in (plain / "briefings").rglob("*.md"))
    print(
        f"[{pages}] (b) plain Material {plain_run.seconds:.2f} s, CPU {plain_run.cpu_s:.2f} s, "
        f"{plain_run.peak_mb:.0f} MB",
        flush=True,
    )
    bad_check = bad_build = None
    reported = 0
    if bad_quotes:
        bad = work / f"p{pages}-bad"
        write_project(bad, pages, seed, bad_quotes)
        bad_check = run([str(BIN / "briefing"), "check"], bad)
        reported = len(re.findall(r"quote not found", bad_check.stdout))
        bad_build = run([str(BIN / "mkdocs"), "build", "--no-strict"], bad)
        print(f"[{pages}] bad quotes: check {bad_check.seconds:.2f} s, build {bad_build.seconds:.2f} s", flush=True)
        shutil.rmtree(bad)
    size = Size(counts["pages"], counts["sheets"], counts["sources"], ours, index_bytes(project), plain_run,
                plain_pages, index_bytes(plain), warnings, check, serve, bad_check, bad_build, reported)  # fmt: skip
    for folder in (project, dump, plain):
        shutil.rmtree(folder, ignore_errors=True)
    return size


def machine() -> list[str]:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))  # type: ignore[union-attr]
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- machine: {platform.machine()}, {cpus} CPUs (nproc), {memory} memory, load average at start {load}",
        f"- python {platform.python_version()}, mkdocs {importlib.metadata.version('mkdocs')}, "
        f"mkdocs-material {importlib.metadata.version('mkdocs-material')}, {platform.platform()}",
    ]


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(sizes: list[Size]) -> list[str]:
    lines = [
        "| pages (sheets + sources) | (a) briefing build s | (a) peak MB | (a) pages/s | (a) search index KB "
        "| (b) plain Material s | (b) peak MB | (b) pages/s | (b) search index KB | a/b time | a/b memory "
        "| (c) check s | (c) peak MB | (d) serve rebuild s | d/a |",
        "|" + "---|" * 15,
    ]
    for z in sizes:
        a, b = z.ours, z.plain
        rebuild = z.serve.rebuild_s
        lines.append(
            f"| {z.pages} ({z.sheets} + {z.sources}) | {a.seconds:.2f} | {a.peak_mb:.0f} | {z.pages / a.seconds:.1f} "
            f"| {z.ours_index / 1024:.0f} | {b.seconds:.2f} | {b.peak_mb:.0f} | {z.plain_pages / b.seconds:.1f} "
            f"| {z.plain_index / 1024:.0f} | {a.seconds / b.seconds:.2f} | {a.peak_mb / b.peak_mb:.2f} "
            f"| {z.check.seconds:.2f} | {z.check.peak_mb:.0f} | {_s(rebuild)} "
            f"| {_s(rebuild / a.seconds if rebuild else None)} |"
        )
    lines += [
        "",
        "CPU seconds (user + system of each child; the load of other jobs barely moves them):",
        "",
        "| pages | (a) CPU s | (b) CPU s | a/b CPU | (c) check CPU s | (d) rebuild CPU s | d/a CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for z in sizes:
        a, b, cpu = z.ours, z.plain, z.serve.rebuild_cpu_s
        lines.append(
            f"| {z.pages} | {a.cpu_s:.2f} | {b.cpu_s:.2f} | {a.cpu_s / b.cpu_s:.2f} | {z.check.cpu_s:.2f} "
            f"| {_s(cpu)} | {_s(cpu / a.cpu_s if cpu is not None else None)} |"
        )
    bad = [z for z in sizes if z.bad_check and z.bad_build]
    if bad:
        head = "| pages | bad quotes reported | `briefing check` s (exit) | `mkdocs build --no-strict` s (exit) |"
        lines += ["", head, "|---|---|---|---|"]
        for z in bad:
            assert z.bad_check and z.bad_build
            lines.append(
                f"| {z.pages} | {z.bad_quotes_reported} | {z.bad_check.seconds:.2f} ({z.bad_check.returncode}) "
                f"| {z.bad_build.seconds:.2f} ({z.bad_build.returncode}) |"
            )
    notes = [f"(b) built {z.plain_pages} dumped pages with {z.plain_warnings} warning(s)" for z in sizes]
    notes += [f"(d) first build under serve at {z.pages} pages: {_s(z.serve.first_build_s)} s, serve peak "
              f"{z.serve.peak_mb:.0f} MB, builds serve logged (s): {', '.join(f'{b:.1f}' for b in z.serve.builds)}"
              for z in sizes]  # fmt: skip
    return [*lines, "", *(f"- {n}" for n in notes)]


def summary(sizes: list[Size], cpu: bool = False) -> str:
    """The last line: the issue's ratios at the largest size, in wall seconds (or CPU seconds, prefixed `cpu:`)."""
    largest = sizes[-1]
    middle = sizes[-2] if len(sizes) > 1 else sizes[-1]

    def took(run: Run) -> float:
        return run.cpu_s if cpu else run.seconds

    rebuild = largest.serve.rebuild_cpu_s if cpu else largest.serve.rebuild_s
    return (
        f"{'cpu: ' if cpu else ''}overhead={took(largest.ours) / took(largest.plain):.2f} "
        f"scaling={took(largest.ours) / took(middle.ours):.2f} "
        f"check_s={took(largest.check):.2f} "
        f"rebuild={(rebuild / took(largest.ours)) if rebuild is not None else float('nan'):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,3000,12000", help="page counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="sizes 300,900, to try the harness")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bad-quotes", type=int, default=10, help="near-miss quotes in the error-path variant")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "last-run.md")
    parser.add_argument("--work", type=Path, help="folder for the projects, made if missing (default: system temp)")
    args = parser.parse_args()
    # Killed (SIGTERM) as when Ctrl-C'd: unwind, so a running `mkdocs serve` is stopped and the projects removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    pages = [300, 900] if args.quick else [int(p) for p in args.sizes.split(",")]
    header = ["# Scale benchmark", "", *machine(), f"- command: {' '.join(sys.argv)}", ""]
    print("\n".join(header), flush=True)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        sizes = [measure(n, args.seed, args.bad_quotes, Path(tmp)) for n in sorted(pages)]
    report = [*header, *table(sizes), "", summary(sizes, cpu=True), summary(sizes)]
    args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report[len(header) :]))


if __name__ == "__main__":
    main()
