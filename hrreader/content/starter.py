"""``hrreader new-pack DIR``: a small, valid pack whose comments teach the format.

Two topics (one with sections, a callout, a link to a topic section and a link to a
resource), one local resource, a logo and a README. ``hrreader check DIR`` on it reports
nothing; a test keeps it that way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrreader.content.model import slugify

PACK_YAML = """\
# pack.yaml: the manifest of this content pack, read by hrreader.
# Check your work at any time:   hrreader check {folder}
# Every field is explained below; the full format is in PACK_FORMAT.md.

format: 1                       # always 1 for now

# A short name: lower case letters, digits and dashes.
id: {pack_id}

# The title shown in the window: one line, or one per language.
title:
  en: My Clinic Reader

version: "1"                    # free text, shown in About; change it when you update

# The first language is the default. Topics live in topics/<language>/, with the same
# file name in every language. To add Spanish: add es here and a topics/es/ folder.
languages: [en]

home: welcome                   # the topic shown first, and after a kiosk resets

# Categories group topics in the sidebar, in this order.
categories:
  - id: start
    title: {{en: Start here}}
  - id: services
    title: {{en: Our services}}

# To start from the harm-reduction library that comes with hrreader and add your own
# topics and resources on top, remove the # below. A topic or resource with the same id
# as one of the library's replaces it. The library is in English and Spanish: list
# [en, es] in languages above to offer both.
# extends: default

# Your organisation, shown in the window, in About and on printed handouts.
branding:
  organisation: My Clinic
  contact: "(305) 555-0100"
  accent: "#2e6f62"             # headings and buttons; check refuses a colour hard to read
  logo: images/logo.svg         # a png, jpg, gif or svg inside this folder
"""

RESOURCES_YAML = """\
# resources.yaml: the places and lines people can reach.
# A phone number is written once, here; topics link to it by id: [call us](resource:my-clinic).
# Only the words are translated (description, hours), so a number never differs.

- id: my-clinic                 # a-z, 0-9 and -, used in links
  name: My Clinic
  description:
    en: Free, private care. Walk in for naloxone, testing, or just to talk.
  phone: "(305) 555-0100"       # as people dial it; the quotes keep it text
  address: 100 Example Street, Miami, FL
  hours: {{en: "Monday to Friday, 9 to 5"}}   # a comma inside {{...}} needs quotes
  languages: [en]               # languages the staff speak
  tags: [naloxone, walk-in]     # from the list in PACK_FORMAT.md (crisis, treatment, ...)
  region: Miami-Dade
  verified: {today}             # the day a person last called to confirm it
"""

WELCOME_MD = """\
---
# The front matter: fields between the two --- lines. The file name is the topic id.
title: Welcome
category: start                 # a category id from pack.yaml
order: 10                       # smaller comes first in its category
summary: What this reader is and how to find your way around it.
keywords: [start, help, how to use]   # other words people might search for
reviewed: {today}               # the day a person last checked the facts
sources:                        # where the facts come from: a title and an https link
  - title: "SAMHSA: Harm reduction"
    url: https://www.samhsa.gov/substance-use/harm-reduction
related: [visit-us]             # topics listed under the page
---

<!--
This is a comment: readers never see it. Write short sentences and plain words;
check warns when a page reads above 8th grade. Put phone numbers in resources.yaml.
-->

Welcome. This reader has short, plain pages about staying safer. It works without
the internet, and nothing you read here leaves this computer.

<!-- "## " starts a section. Its anchor comes from the heading, so this section is
     topic:welcome#how-to-find-your-way (search and links land on it). -->
## How to find your way

Pick a topic on the left, or search for any word at the top. To see where we are
and when we are open, read [Visit us](topic:visit-us).

<!-- A callout: !!! tip, !!! warning or !!! note, a title in quotes, then its text
     on the next lines, indented by four spaces. -->
!!! tip "You are welcome here"

    You do not have to stop using drugs to get care from us.

## Talk to us

Call or visit [My Clinic](resource:my-clinic). We will not judge you, and what you
tell us stays private.
"""

VISIT_US_MD = """\
---
title: Visit us
category: services
order: 10
summary: Where the clinic is, when it is open, and what you can get there.
reviewed: {today}
sources:
  - title: "CDC: Lifesaving naloxone"
    url: https://www.cdc.gov/stop-overdose/caring/naloxone.html
related: [welcome]
---

Our doors are open to everyone. You can walk in without an appointment, and you
do not have to give your name.

## What you can get

- Free naloxone, a medicine that can reverse an opioid overdose.
- Free tests for HIV and hepatitis C.
- Someone to talk to, with no judgment.

## How to reach us

Our phone number, address and hours are on the card for
[My Clinic](resource:my-clinic). New here? Read
[how to find your way](topic:welcome#how-to-find-your-way).
"""

LOGO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <!-- Replace this file with your own logo (png, jpg, gif or svg). -->
  <title>My Clinic</title>
  <rect width="64" height="64" rx="12" fill="#2e6f62"/>
  <path d="M26 14h12v12h12v12H38v12H26V38H14V26h12z" fill="#ffffff"/>
</svg>
"""

README_TXT = """\
A content pack for hrreader, made by "hrreader new-pack".

  pack.yaml        the title, languages, categories and branding
  resources.yaml   phone lines and places, each with the date it was confirmed
  topics/en/       one Markdown file per topic (topics/es/ for Spanish, same file names)
  images/          pictures the topics use: png, jpg, gif or svg

Check it:     hrreader check {folder}
Try it:       hrreader --pack {folder}
Share it:     zip the folder, or compile it:  hrreader compile {folder} pack.hrpack

This file is not part of the pack; the reader ignores it.
"""


def starter_files(folder: Path, today: dt.date | None = None) -> dict[str, str]:
    """The starter pack's files, by pack-relative path."""
    date = (today or dt.date.today()).isoformat()
    pack_id = slugify(folder.resolve().name) or "my-pack"
    return {
        "pack.yaml": PACK_YAML.format(folder=folder, pack_id=pack_id),
        "resources.yaml": RESOURCES_YAML.format(today=date),
        "topics/en/welcome.md": WELCOME_MD.format(today=date),
        "topics/en/visit-us.md": VISIT_US_MD.format(today=date),
        "images/logo.svg": LOGO_SVG,
        "README.txt": README_TXT.format(folder=folder),
    }


def write_starter_pack(folder: Path, today: dt.date | None = None) -> list[Path]:
    """Write the starter pack into ``folder``, which must not exist or be empty."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder}: already exists and is not empty; nothing was written")
    written: list[Path] = []
    for rel, text in starter_files(folder, today).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
