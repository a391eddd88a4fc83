"""A small briefing whose names carry accents and Hangul, for the search tests (not the demo's content).

Mali's leader Assimi Goïta, Côte d'Ivoire and Kim Jong Un (김정은) each have a page; one source
article names them in passing, several times, so a search for the name must rank the page of
that name above the article that merely mentions it. The leader's id, mali-leader, carries no
part of his name: the page shows its file's path, which would otherwise match "goita" unaccented.
"""

from __future__ import annotations

from conftest import Project

SAHEL_MD = """\
---
title: Sahel leaders meet in Bamako
publisher: Example Wire
published: 2024-07-06
url: https://example.com/sahel
language: en
---
Colonel Assimi Goïta, the transitional president of Mali, received the Burkinabè delegation in Bamako.

Goïta said the talks with Côte d’Ivoire would resume; Goïta repeated it twice, and Goïta's aides agreed.

Côte d'Ivoire sent an observer to the meeting.
"""

KOREA_MD = """\
---
title: 김정은 국무위원장 담화
publisher: Example Wire
published: 2023-09-13
url: https://example.com/kim
language: ko
---
김정은 국무위원장은 블라디보스토크에서 회담하였다.

Kim Jong Un met the Russian president in Vladivostok.
"""

GOITA_YML = """\
name: Assimi Goïta
summary: Transitional president of Mali in the sources.
country: mali
roles:
  - title: Transitional President of Mali
    country: mali
    status: current
    as_of: 2024-07
    citations:
      - source: sahel
        quote: Colonel Assimi Goïta, the transitional president of Mali
facts: []
"""

MALI_YML = """\
name: Mali
summary: A country in West Africa.
facts: []
"""

COTE_YML = """\
name: Côte d'Ivoire
summary: A country in West Africa.
facts:
  - text: Sent an observer to the Bamako meeting.
    as_of: 2024-07
    section: diplomacy
    citations:
      - source: sahel
        quote: "Côte d'Ivoire sent an observer to the meeting."
"""

KIM_YML = """\
name: Kim Jong Un
native_names: [김정은]
summary: Leader of North Korea in the sources.
roles: []
facts:
  - text: Met the Russian president in Vladivostok.
    as_of: 2023-09
    section: diplomacy
    citations:
      - source: korea
        quote: Kim Jong Un met the Russian president in Vladivostok.
"""


def write_accented_briefing(project: Project) -> Project:
    project.write("sources/sahel.md", SAHEL_MD)
    project.write("sources/korea.md", KOREA_MD)
    project.write("briefings/leaders/mali-leader.yml", GOITA_YML)
    project.write("briefings/leaders/kim-jong-un.yml", KIM_YML)
    project.write("briefings/countries/mali.yml", MALI_YML)
    project.write("briefings/countries/cote-d-ivoire.yml", COTE_YML)
    return project
