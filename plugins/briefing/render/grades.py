"""Admiralty grades of sources (A-F) and of the information cited from them (1-6).

Each citation shows both as one grade, "B2": how reliable the source is, and how far what it
says is borne out. Ungraded is a grade too: F (reliability cannot be judged) and 6 (truth cannot
be judged), never a blank. The legend page (grades.md) explains the scale and links each source.
"""

from __future__ import annotations

from markupsafe import Markup

from briefing.model import Citation, Source
from briefing.render.urls import Hrefs

GRADES_URI = "grades.md"

RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
RELIABILITY_MEANS = {
    "A": "No doubt of the source's authenticity, trustworthiness or competence; a history of complete reliability.",
    "B": "Minor doubt; a history of valid information most of the time.",
    "C": "Doubt; has provided valid information in the past.",
    "D": "Significant doubt; has provided valid information in the past.",
    "E": "Lacking authenticity, trustworthiness and competence; a history of invalid information.",
    "F": "No basis for judging: an unknown publisher, no stated author or record to go on.",
}
CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}
CREDIBILITY_MEANS = {
    1: "Confirmed by other independent sources; logical in itself; consistent with other information on the subject.",
    2: "Not confirmed; logical in itself; consistent with other information on the subject.",
    3: "Not confirmed; reasonably logical in itself; agrees with some other information on the subject.",
    4: "Not confirmed; possible but not logical; no other information on the subject.",
    5: "Not confirmed; not logical in itself; contradicted by other information on the subject.",
    6: "No basis exists for evaluating the validity of the information (the grade of an ungraded citation).",
}
WEAK_RELIABILITY = ("D", "E", "F")


def grade(source: Source, citation: Citation) -> str:
    """'B2': the source's reliability and the citation's credibility."""
    return f"{source.reliability}{citation.credibility}"


def grade_title(code: str) -> str:
    """'B2' -> 'source B: usually reliable; information 2: probably true'."""
    letter, number = code[0], int(code[1:])
    return f"source {letter}: {RELIABILITY[letter].lower()}; information {number}: {CREDIBILITY[number].lower()}"


def grade_link(code: str, hrefs: Hrefs) -> Markup:
    """The grade as a link to its row in the legend, with its meaning as a tooltip."""
    return Markup('<a class="briefing-grade" href="{}" title="{}">{}</a>').format(
        hrefs(GRADES_URI, f"grade-{code[0].lower()}"), grade_title(code), code
    )
