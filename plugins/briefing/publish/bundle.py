"""Offline bundle: a built site folder as one reproducible zip.

The zip is a function of the files' relative paths and bytes and of ``epoch`` only: entries are
sorted, every entry carries the same timestamp and permissions, and no extra fields, comments or
directory entries are written. File creation order, mtimes, owners and umask of the site folder
leave no trace, so two builds of the same briefing give byte-identical bundles (for the same
Python and zlib; a different zlib may compress differently).

Run as ``python -m briefing.publish.bundle SITE_DIR ZIP_PATH``; the timestamp comes from
``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SEARCH_INDEX = "search/search_index.json"

# 1980-01-01T00:00:00Z, the earliest time a zip entry can record.
ZIP_EPOCH = 315532800

# From file://, Material builds its search index on the page's main thread at every page load,
# and the cost grows faster than linearly with the number of index entries (one per page section),
# far more than with bytes. Measured on a 2-core CI-class machine: 1,186 entries froze the page
# for 1 s, 3,983 for 6 s, 11,970 for 33 s; 34,196 title-only entries (3 MB) still froze it 97 s.
SEARCH_ENTRY_BUDGET = 1500

_FILE_MODE = 0o100644  # regular file, rw-r--r--
_UNIX = 3  # "version made by" host system, so that unzip applies _FILE_MODE


@dataclass(frozen=True)
class BundleReport:
    """What went into a bundle."""

    files: int
    """Number of files in the zip."""
    bytes: int
    """Total size of those files, uncompressed."""
    zip_bytes: int
    """Size of the zip file itself."""
    search_index_bytes: int | None
    """Size of `search/search_index.json`, or None when the site has no search index."""
    search_entries: int | None = None
    """Number of entries (page sections) in that index."""

    def describe(self, zip_path: Path) -> str:
        if self.search_index_bytes is None:
            index = "no search index"
        else:
            entries = f"{self.search_entries} {'entry' if self.search_entries == 1 else 'entries'}"
            index = f"search index {_kb(self.search_index_bytes)}, {entries} ({SEARCH_INDEX})"
        return f"{zip_path}: {self.files} files, {_kb(self.bytes)} unpacked, {_kb(self.zip_bytes)} zipped; {index}"

    def warnings(self) -> list[str]:
        if self.search_entries is not None and self.search_entries > SEARCH_ENTRY_BUDGET:
            return [
                f"{SEARCH_INDEX}: {self.search_entries} entries, more than {SEARCH_ENTRY_BUDGET}: offline search "
                "will freeze every page for seconds while it builds its index (fewer sections or pages in the "
                "offline index keep it usable)"
            ]
        return []


def bundle_paths(site_dir: Path) -> list[PurePosixPath]:
    """Relative paths of all regular files below `site_dir`, sorted by their POSIX spelling.

    Raises ValueError for a symlink: a bundle must hold its files, not point outside itself.
    """
    found: list[PurePosixPath] = []
    for directory, dirnames, filenames in os.walk(site_dir):
        here = Path(directory)
        for name in dirnames + filenames:
            if (here / name).is_symlink():
                raise ValueError(f"{here / name}: symlinks cannot go into an offline bundle")
        found.extend(PurePosixPath((here / name).relative_to(site_dir).as_posix()) for name in filenames)
    return sorted(found, key=str)


def zip_timestamp(epoch: int) -> tuple[int, int, int, int, int, int]:
    """UTC date and time of `epoch` as a zip entry stores it (clamped to 1980..2107, even seconds)."""
    clamped = min(max(epoch, ZIP_EPOCH), 4354819198)  # 2107-12-31T23:59:58Z
    t = time.gmtime(clamped)
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def write_bundle(site_dir: Path, zip_path: Path, *, epoch: int) -> BundleReport:
    """Write every file below `site_dir` into a deterministic zip at `zip_path`.

    Entry names are relative POSIX paths (never absolute, never containing ``..``); every entry
    gets the timestamp `epoch` (seconds since 1970, UTC) and mode 0644. The zip is written to a
    temporary file next to `zip_path` and moved into place, so a failed run leaves no half zip.
    """
    site_dir = site_dir.resolve()
    if not site_dir.is_dir():
        raise FileNotFoundError(f"{site_dir}: no built site here; build it first")
    if zip_path.resolve().is_relative_to(site_dir):
        raise ValueError(f"{zip_path}: the bundle cannot be written inside the site it bundles")

    date_time = zip_timestamp(epoch)
    paths = bundle_paths(site_dir)
    total = 0
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{zip_path.name}.", dir=zip_path.parent)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as bundle:
            for path in paths:
                name = str(path)
                if name.startswith("/") or ".." in path.parts:
                    raise ValueError(f"{name}: not a relative path inside the site")
                data = (site_dir / path).read_bytes()
                total += len(data)
                info = zipfile.ZipInfo(name, date_time)
                info.create_system = _UNIX
                info.external_attr = _FILE_MODE << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                bundle.writestr(info, data, compresslevel=9)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, zip_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise

    index = site_dir / SEARCH_INDEX
    return BundleReport(
        files=len(paths),
        bytes=total,
        zip_bytes=zip_path.stat().st_size,
        search_index_bytes=index.stat().st_size if index.is_file() else None,
        search_entries=count_search_entries(index) if index.is_file() else None,
    )


def count_search_entries(index: Path) -> int:
    """Number of documents in a Material search index (`{"config": ..., "docs": [...]}`)."""
    try:
        docs = json.loads(index.read_bytes())["docs"]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{index}: not a search index with a 'docs' list ({error})") from None
    if not isinstance(docs, list):
        raise ValueError(f"{index}: not a search index with a 'docs' list (docs is {type(docs).__name__})")
    return len(docs)


def source_date_epoch(environ: Mapping[str, str]) -> int:
    """The build timestamp from ``SOURCE_DATE_EPOCH``, or 1980-01-01 when it is unset or empty."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ZIP_EPOCH
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970 like 1700000000, got {value!r}")
    return int(value)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m briefing.publish.bundle SITE_DIR ZIP_PATH", file=sys.stderr)
        return 2
    site_dir, zip_path = Path(args[0]), Path(args[1])
    try:
        report = write_bundle(site_dir, zip_path, epoch=source_date_epoch(os.environ))
    except (OSError, ValueError) as error:
        print(f"briefing.publish.bundle: {error}", file=sys.stderr)
        return 1
    print(report.describe(zip_path))
    for warning in report.warnings():
        print(f"briefing.publish.bundle: warning: {warning}", file=sys.stderr)
    return 0


def _kb(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    return f"{n / 1000:,.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:,.2f} MB"


if __name__ == "__main__":
    sys.exit(main())
