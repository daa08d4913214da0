"""Generate a valid synthetic content pack of any size, for search and start-up benchmarks.

The real default pack has two dozen topics; budgets are set at 10,000. This writes a pack
with the same shape as a real one (front matter, 3-6 sections, internal links, ~50
resources) and a Zipf-like vocabulary of real domain words plus invented words, so the index
sees realistic term counts. The same seed always writes the same pack, byte for byte.

    python benchmarks/make_pack.py OUT --topics 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

# Importable both as ``benchmarks.make_pack`` and as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hrreader.content.model import RESOURCE_TAGS, slugify


def _words(text: str) -> list[str]:
    return text.split()


DOMAIN_WORDS = _words(
    """
naloxone narcan overdose fentanyl opioid opioids heroin methadone buprenorphine suboxone
stimulant stimulants cocaine crack meth methamphetamine alcohol drinking benzos xanax xylazine
tranq cannabis weed ketamine mdma molly ecstasy psychedelics mushrooms lsd kratom nicotine
vaping smoking injecting injection syringe syringes needle needles rig cooker cotton filter
tourniquet vein veins abscess wound infection hepatitis hiv prep pep condom condoms testing
test strips checking reagent dose dosing tolerance withdrawal detox treatment recovery rehab
counseling therapy therapist support group peer outreach worker clinic pharmacy prescription
medicine medication safer safety risk risks harm reduction breathing breath lips pupils
unresponsive rescue breaths cpr emergency ambulance police law samaritan rights legal housing
shelter food shower sleep rest water heat cold winter summer festival party friends partner
family parent youth teen student worker sex sexual health gay trans queer lgbtq women men
pregnant pregnancy baby mental anxiety depression panic stress trauma grief anger urge urges
craving cravings relapse slip plan planning boundaries crisis suicide suicidal selfharm cutting
hotline helpline text chat call talk someone listen help hope care caring kindness respect
dignity choice choices consent privacy private confidential free cost insurance money job
school prison jail release probation court eviction street outdoors car alone buddy together
spotting timer alarm signs symptoms fever swelling redness pain itching rash vomit nausea
seizure heart chest stroke overheating dehydration sweat shaking blackout memory mixing
combination counterfeit pressed pill pills powder snort snorting smoke pipe foil booty bump
plugging rectal oral nasal spray kit kits storage expiry carry pocket backpack wallet locker
"""
)

SYLLABLES = _words(
    "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu "
    "na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo "
    "za ze zi zo ar er ir or ur an en in on un al el il ol ul ex ox ix"
)

CONNECTIVES = _words(
    """
the a an and or but if when while because so to of in on at for with without from about
you your they their it this that these those is are was be can may might should will do
not no more less most some any every each other only also even still just very often
"""
)

HEADINGS = [
    "What {a} is",
    "How {a} works",
    "Signs of {a}",
    "Staying safer with {a}",
    "Where to get {a}",
    "When {a} and {b} mix",
    "Talking about {a}",
    "If {a} goes wrong",
    "{A} and your {b}",
    "Caring for {a}",
    "Questions about {a}",
    "Myths about {a}",
    "What you can do next",
]

TITLE_FORMS = [
    "{A} and {b}",
    "{A} {b}",
    "Safer {a}",
    "{A}: what to know",
    "Understanding {a}",
    "{A} for {b}",
    "Living with {a}",
    "{A} basics",
]

CATEGORIES = ["basics", "substances", "mental-health", "sexual-health", "support", "places"]


def _invented_words(rng: random.Random, count: int) -> list[str]:
    """Pronounceable made-up words, unique, so the vocabulary grows with the pack like real text."""
    out: dict[str, None] = {}
    while len(out) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in DOMAIN_WORDS:
            out[word] = None
    return list(out)


class Vocabulary:
    """Word sampling with a Zipf-like spread: a few words everywhere, most words rare."""

    def __init__(self, rng: random.Random, n_topics: int) -> None:
        self.rng = rng
        invented = _invented_words(rng, max(2000, min(60_000, n_topics * 4)))
        words = DOMAIN_WORDS + invented
        rng.shuffle(words)
        self.words = words
        self.cum = list(
            itertools.accumulate(1.0 / (rank + 12) ** 1.05 for rank in range(len(words)))
        )
        self.domain = DOMAIN_WORDS

    def content(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def topical(self) -> str:
        """A topic-ish word: half from the domain list, half from the long tail."""
        if self.rng.random() < 0.5:
            return self.rng.choice(self.domain)
        return self.rng.choice(self.words)


def _sentence(vocab: Vocabulary, rng: random.Random, focus: list[str]) -> str:
    n = rng.randint(8, 18)
    words: list[str] = []
    for w in vocab.content(n):
        if rng.random() < 0.35:
            words.append(rng.choice(CONNECTIVES))
        words.append(w)
    if rng.random() < 0.6:
        words.insert(rng.randrange(len(words) + 1), rng.choice(focus))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _resources(rng: random.Random, vocab: Vocabulary, count: int = 50) -> tuple[str, list[str]]:
    lines = ["# Synthetic resources for benchmarks."]
    ids: list[str] = []
    for n in range(count):
        name_words = [vocab.topical().capitalize() for _ in range(rng.randint(1, 3))]
        kind = rng.choice(["Line", "Helpline", "Project", "Network", "Clinic", "Center"])
        rid = f"{slugify(' '.join(name_words))}-{kind.lower()}-{n}"
        ids.append(rid)
        tags = rng.sample(RESOURCE_TAGS, rng.randint(1, 4))
        desc = " ".join(vocab.content(rng.randint(10, 20)))
        lines += [
            "",
            f"- id: {rid}",
            f"  name: {_yaml_str(' '.join(name_words) + ' ' + kind)}",
            "  description:",
            f"    en: {_yaml_str(desc.capitalize() + '.')}",
            f'  phone: "1-800-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"',
        ]
        if rng.random() < 0.4:
            lines.append(f'  sms: "{rng.randint(10000, 999999)}"')
        if rng.random() < 0.7:
            lines.append(f"  url: https://{rid}.example.org")
        lines += [
            '  hours: {en: "24 hours, every day"}',
            "  languages: [en]",
            f"  tags: [{', '.join(tags)}]",
            "  region: US",
            "  verified: 2026-11-01",
        ]
    return "\n".join(lines) + "\n", ids


def make_pack(out: Path, topics: int, seed: int = 1) -> Path:
    """Write a pack with ``topics`` English topics into ``out`` (created); returns ``out``."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng, topics)
    out.mkdir(parents=True, exist_ok=True)
    topic_dir = out / "topics" / "en"
    topic_dir.mkdir(parents=True, exist_ok=True)

    cats = "\n".join(
        f"  - id: {c}\n    title: {{en: {c.replace('-', ' ').title()}}}" for c in CATEGORIES
    )
    resources_yaml, resource_ids = _resources(rng, vocab)
    (out / "resources.yaml").write_text(resources_yaml, encoding="utf-8")

    # Plan every topic's id and section anchors first, so links can point anywhere.
    plans: list[tuple[str, str, list[str], list[str]]] = []
    used_ids: set[str] = set()
    for n in range(topics):
        a, b = vocab.topical(), vocab.topical()
        form = rng.choice(TITLE_FORMS)
        title = form.format(a=a, b=b, A=a.capitalize())
        if n == 0:
            title = "Welcome"
        tid = slugify(title) or "topic"
        if tid in used_ids:
            tid = f"{tid}-{n}"
        used_ids.add(tid)
        headings: list[str] = []
        anchors: set[str] = set()
        for _ in range(rng.randint(3, 6)):
            form = rng.choice(HEADINGS)
            x, y = rng.choice([a, b, vocab.topical()]), vocab.topical()
            heading = form.format(a=x, b=y, A=x.capitalize())
            if slugify(heading) in anchors:
                continue
            anchors.add(slugify(heading))
            headings.append(heading)
        plans.append((tid, title, headings, [a, b]))

    for n, (tid, title, headings, focus) in enumerate(plans):
        keywords = sorted({*focus, *(vocab.topical() for _ in range(rng.randint(1, 6)))})
        related = sorted(
            {plans[rng.randrange(topics)][0] for _ in range(rng.randint(0, 3))} - {tid}
        )
        summary = f"{title}: " + " ".join(vocab.content(rng.randint(6, 14))) + "."
        summary = summary[:190]
        body: list[str] = [" ".join(_sentence(vocab, rng, focus) for _ in range(rng.randint(1, 3)))]
        for heading in headings:
            body += ["", f"## {heading}", ""]
            for _ in range(rng.randint(1, 3)):
                para = [_sentence(vocab, rng, focus) for _ in range(rng.randint(1, 4))]
                roll = rng.random()
                if roll < 0.25:
                    other, _, other_heads, _ = plans[rng.randrange(topics)]
                    if other_heads and rng.random() < 0.5:
                        anchor = slugify(rng.choice(other_heads))
                        para.append(f"See [more about this](topic:{other}#{anchor}).")
                    else:
                        para.append(f"Read [the related page](topic:{other}).")
                elif roll < 0.35:
                    para.append(
                        f"You can call [this service](resource:{rng.choice(resource_ids)})."
                    )
                body += ["", " ".join(para)]
            if rng.random() < 0.2:
                body += ["", "- " + " ".join(vocab.content(6)), "- " + " ".join(vocab.content(5))]
        front = [
            "---",
            f"title: {_yaml_str(title)}",
            f"category: {CATEGORIES[n % len(CATEGORIES)]}",
            f"order: {rng.randint(1, 200)}",
            f"summary: {_yaml_str(summary)}",
            f"keywords: [{', '.join(keywords)}]",
            "reviewed: 2026-11-01",
            "sources:",
            f'  - title: "Source for {tid}"',
            f"    url: https://example.org/{tid}",
        ]
        if related:
            front.append(f"related: [{', '.join(related)}]")
        front.append("---")
        text = "\n".join(front) + "\n\n" + "\n".join(body) + "\n"
        (topic_dir / f"{tid}.md").write_text(text, encoding="utf-8")

    pack = [
        "format: 1",
        f"id: synthetic-{topics}",
        f"title: {{en: Synthetic pack of {topics} topics}}",
        f'version: "seed-{seed}"',
        "languages: [en]",
        f"home: {plans[0][0]}",
        "categories:",
        cats,
    ]
    (out / "pack.yaml").write_text("\n".join(pack) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the pack into")
    parser.add_argument("--topics", type=int, default=1000, help="number of topics (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.topics < 1:
        parser.error("--topics must be at least 1")
    make_pack(args.out, args.topics, args.seed)
    print(f"wrote {args.topics} topics to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
