"""The offline bundle is a reproducible zip of the built site."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from briefing.publish.bundle import SEARCH_ENTRY_BUDGET, ZIP_EPOCH, main, source_date_epoch, write_bundle, zip_timestamp

SITE = {
    "index.html": b"<h1>Korean Peninsula Briefing</h1>",
    "leaders/kim-jong-un/index.html": b"<h1>Kim Jong Un</h1>",
    "sources/kcna-2024-01-15/index.html": b'<p id="p1">First.</p>',
    "search/search_index.json": b'{"config": {}, "docs": [{"location": "", "title": "Home", "text": ""}]}',
    "assets/javascripts/iframe-worker/shim.js": b"/* shim */",
    "countries/north-korea/index.html": "<h1>조선민주주의인민공화국</h1>".encode(),
}


def make_site(root: Path, order: list[str], mtime: int, mode: int = 0o644) -> Path:
    for name in order:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SITE[name])
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
    return root


def test_same_tree_gives_identical_bytes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", list(SITE), mtime=1_600_000_000)
    write_bundle(site, tmp_path / "a.zip", epoch=1_700_000_000)
    write_bundle(site, tmp_path / "b.zip", epoch=1_700_000_000)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_creation_order_mtimes_and_modes_leave_no_trace(tmp_path: Path) -> None:
    one = make_site(tmp_path / "one", list(SITE), mtime=1_600_000_000, mode=0o644)
    two = make_site(tmp_path / "two", list(reversed(SITE)), mtime=1_234_567_890, mode=0o600)
    write_bundle(one, tmp_path / "one.zip", epoch=1_700_000_000)
    write_bundle(two, tmp_path / "two.zip", epoch=1_700_000_000)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_epoch_changes_the_bytes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", list(SITE), mtime=0)
    write_bundle(site, tmp_path / "a.zip", epoch=1_700_000_000)
    write_bundle(site, tmp_path / "b.zip", epoch=1_700_086_400)
    assert (tmp_path / "a.zip").read_bytes() != (tmp_path / "b.zip").read_bytes()


def test_entries_are_sorted_relative_with_fixed_metadata(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", list(reversed(SITE)), mtime=1_600_000_000, mode=0o600)
    report = write_bundle(site, tmp_path / "out" / "bundle.zip", epoch=1_700_000_000)

    with zipfile.ZipFile(tmp_path / "out" / "bundle.zip") as bundle:
        infos = bundle.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(SITE)
        for info in infos:
            assert not info.filename.startswith("/")
            assert ".." not in info.filename.split("/")
            assert info.date_time == (2023, 11, 14, 22, 13, 20)
            assert info.external_attr >> 16 == 0o100644
            assert info.extra == b""
            assert bundle.read(info) == SITE[info.filename]
        assert bundle.comment == b""

    assert report.files == len(SITE)
    assert report.bytes == sum(len(data) for data in SITE.values())
    assert report.search_index_bytes == len(SITE["search/search_index.json"])
    assert report.search_entries == 1
    assert report.zip_bytes == (tmp_path / "out" / "bundle.zip").stat().st_size


def test_unzips_to_the_same_tree(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", list(SITE), mtime=1_600_000_000)
    write_bundle(site, tmp_path / "bundle.zip", epoch=ZIP_EPOCH)
    with zipfile.ZipFile(tmp_path / "bundle.zip") as bundle:
        bundle.extractall(tmp_path / "unzipped")
    unzipped = {
        path.relative_to(tmp_path / "unzipped").as_posix(): path.read_bytes()
        for path in (tmp_path / "unzipped").rglob("*")
        if path.is_file()
    }
    assert unzipped == SITE


def test_site_without_search_reports_no_index(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html"], mtime=0)
    report = write_bundle(site, tmp_path / "bundle.zip", epoch=ZIP_EPOCH)
    assert (report.files, report.search_index_bytes, report.search_entries) == (1, None, None)


def test_symlink_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html"], mtime=0)
    (tmp_path / "secret.txt").write_text("outside the site")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ValueError, match=r"leak\.txt: symlinks cannot go into an offline bundle"):
        write_bundle(site, tmp_path / "bundle.zip", epoch=ZIP_EPOCH)
    assert not (tmp_path / "bundle.zip").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle.zip")] == []


def test_zip_inside_the_site_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html"], mtime=0)
    with pytest.raises(ValueError, match="cannot be written inside the site"):
        write_bundle(site, site / "bundle.zip", epoch=ZIP_EPOCH)


def test_missing_site_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no built site here"):
        write_bundle(tmp_path / "nope", tmp_path / "bundle.zip", epoch=ZIP_EPOCH)


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [
        (0, (1980, 1, 1, 0, 0, 0)),  # before the zip epoch: clamped
        (ZIP_EPOCH, (1980, 1, 1, 0, 0, 0)),
        (1_700_000_000, (2023, 11, 14, 22, 13, 20)),
        (1_700_000_001, (2023, 11, 14, 22, 13, 20)),  # zip stores even seconds
        (10**11, (2107, 12, 31, 23, 59, 58)),  # past the zip range: clamped
    ],
)
def test_zip_timestamp(epoch: int, expected: tuple[int, ...]) -> None:
    assert zip_timestamp(epoch) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ZIP_EPOCH),
        ({"SOURCE_DATE_EPOCH": ""}, ZIP_EPOCH),
        ({"SOURCE_DATE_EPOCH": "1700000000"}, 1_700_000_000),
    ],
)
def test_source_date_epoch(environ: dict[str, str], expected: int) -> None:
    assert source_date_epoch(environ) == expected


def test_source_date_epoch_rejects_a_date_string() -> None:
    with pytest.raises(ValueError, match=r"expected whole seconds since 1970 like 1700000000, got '2024-01-01'"):
        source_date_epoch({"SOURCE_DATE_EPOCH": "2024-01-01"})


def test_main_prints_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site", list(SITE), mtime=0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main([str(site), str(tmp_path / "dist" / "b.zip")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{tmp_path / 'dist' / 'b.zip'}: 6 files, ")
    assert out.endswith("search index 71 B, 1 entry (search/search_index.json)\n")
    assert capsys.readouterr().err == ""


def test_main_warns_when_offline_search_would_freeze(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site", ["index.html"], mtime=0)
    entries = [{"location": f"p{n}.html", "title": "", "text": ""} for n in range(SEARCH_ENTRY_BUDGET + 1)]
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": entries}))
    assert main([str(site), str(tmp_path / "b.zip")]) == 0
    assert capsys.readouterr().err == (
        f"briefing.publish.bundle: warning: search/search_index.json: {SEARCH_ENTRY_BUDGET + 1} entries, more than "
        f"{SEARCH_ENTRY_BUDGET}: offline search will freeze every page for seconds while it builds its index "
        "(fewer sections or pages in the offline index keep it usable)\n"
    )


def test_a_broken_search_index_is_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ["index.html"], mtime=0)
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}")
    with pytest.raises(ValueError, match=r"search_index\.json: not a search index with a 'docs' list"):
        write_bundle(site, tmp_path / "b.zip", epoch=ZIP_EPOCH)


def test_main_reports_a_missing_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "site"), str(tmp_path / "b.zip")]) == 1
    assert "no built site here; build it first" in capsys.readouterr().err
