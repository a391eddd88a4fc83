"""`briefing mentions`: what an editor should add next."""

from __future__ import annotations

import subprocess
import sys

from conftest import Project


def test_mentions_lists_repeated_names_without_a_sheet_and_sheets_no_source_names(small_project: Project) -> None:
    small_project.write(
        "sources/press-briefing.md",
        """\
        ---
        published: 2025-01-06
        language: en
        ---
        During a press briefing alongside South Korean Foreign Minister Cho Tae-yul, Blinken spoke.

        Both Blinken and Cho Tae-yul dismissed worries. The Joint Chiefs of Staff said so.

        Kim Jong Un’s forces grew, said Cho Tae-yul’s ministry.
        """,
    )
    small_project.write(
        "briefings/organisations/un-security-council.yml",
        "name: UN Security Council\naliases: [U.N. Security Council]\nsummary: A UN organ.\nfacts: []\n",
    )
    out = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "mentions"], cwd=small_project.root, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "Names in sources with no fact sheet (named 2+ times): 3",
        "    3  Cho Tae-yul  (press-briefing ¶1, press-briefing ¶2, press-briefing ¶3)",
        "    2  Blinken  (press-briefing ¶1, press-briefing ¶2)",
        "    2  Putin  (vladivostok ¶1, vladivostok ¶2)",
        # "North Korean" is an adjective, not the country's name: the small source never names the country.
        "Fact sheets no source mentions: 2",
        "  briefings/countries/north-korea.yml  (North Korea)",
        "  briefings/organisations/un-security-council.yml  (UN Security Council)",
    ]
