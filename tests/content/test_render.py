"""Rendering: hostile HTML never survives, anchors match the loader, the page is complete."""

from __future__ import annotations

import re

import pytest

from hrreader.content import default_pack_path, load_pack, render_topic
from hrreader.content.library import Library
from hrreader.content.model import CRISIS_NOTES, Topic
from hrreader.content.render import removed_html, render_body, sanitise, section_anchors

from .conftest import PackFactory

H2_ID_RE = re.compile(r"<h2\b[^>]*?\bid=\"([^\"]*)\"")
SRC_RE = re.compile(r"\bsrc\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
HREF_RE = re.compile(r"\bhref\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)


def _body(library: Library, markdown: str, topic_id: str = "naloxone") -> str:
    """The sanitised HTML of ``markdown`` as the body of a topic in ``library``."""
    topic = library.topic(topic_id)._replace(body=markdown)
    return render_body(topic, library)


def _default_topics() -> list[tuple[str, str]]:
    """``(lang, topic_id)`` for every topic file of the default pack."""
    return sorted((p.parent.name, p.stem) for p in (default_pack_path() / "topics").glob("*/*.md"))


# --------------------------------------------------------------------------------------
# Hostile HTML
# --------------------------------------------------------------------------------------
HOSTILE = [
    '<script>alert("x")</script>',
    '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>',
    "<script>\nalert(1)\n</script>",
    "<style>body { display: none }</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<img src="images/kit.png" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//>",
    '<p onclick="alert(1)">click</p>',
    '<a href="https://ok.example" onmouseover="alert(1)">hover</a>',
    '<svg onload="alert(1)"><circle r="4"/></svg>',
    '<body onload="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<p style="display:none">hidden</p>',
    '<span style="color:red;background:url(https://evil.example/t.png)">x</span>',
    '<img src="http://evil.example/track.png">',
    '<img src="https://evil.example/track.png">',
    '<img src="//evil.example/track.png">',
    '<img srcset="https://evil.example/a.png 2x" src="images/kit.png">',
    "![t](http://evil.example/track.png)",
    "![t](https://evil.example/track.png)",
    "![t][r]\n\n[r]: https://evil.example/track.png",
    "![t](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="file:///etc/passwd">',
    '<img src="../../../etc/passwd">',
    "<form action='https://evil.example'><input name=q><button>go</button></form>",
    '<meta http-equiv="refresh" content="0; url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
    "<!-- <script>alert(1)</script> -->",
    '<table background="https://evil.example/bg.png"><tr><td>x</td></tr></table>',
    '<div class="x" id="y" data-x="1" aria-hidden="true">text</div>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<a href="http://insecure.example">x</a>',
    "<http://insecure.example>",
    '<a href="file:///etc/passwd">x</a>',
    '<a href="ftp://evil.example">x</a>',
]

FORBIDDEN = [
    re.compile(
        r"<\s*(script|style|iframe|object|embed|svg|form|input|button|meta|link|base|body|math)\b",
        re.I,
    ),
    re.compile(r"\son[a-z]+\s*=", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\ssrcset\s*=", re.I),
    re.compile(r"\sbackground\s*=", re.I),
    re.compile(r"\starget\s*=", re.I),
    re.compile(r"\sdata-[a-z]+\s*=", re.I),
    re.compile(r"javascript:|vbscript:|alert\(", re.I),
    re.compile(r"<!--"),
]


@pytest.mark.parametrize("snippet", HOSTILE)
def test_hostile_html_is_stripped(small_library: Library, snippet: str) -> None:
    html = _body(small_library, "Before.\n\n" + snippet + "\n\nAfter.\n")
    for pattern in FORBIDDEN:
        assert not pattern.search(html), f"{pattern.pattern} survived in:\n{html}"
    for src in SRC_RE.findall(html):
        assert src.startswith("pack:") and ".." not in src, html
    for href in HREF_RE.findall(html):
        assert href.startswith(("https://", "topic:", "resource:")), html
    assert "Before." in html and "After." in html


def test_dropped_content_of_dangerous_tags() -> None:
    html = sanitise("<p>a</p><script>secret()</script><style>.x{}</style><p>b</p>")
    assert "secret" not in html and ".x{}" not in html
    assert "<p>a</p>" in html and "<p>b</p>" in html


def test_class_names_are_filtered(small_library: Library) -> None:
    html = _body(small_library, '<p class="ok Bad_1 x-y 9z">t</p>\n')
    assert 'class="ok x-y"' in html


def test_removed_html_lists_what_goes() -> None:
    found = removed_html('<p style="x" onclick="y">a</p><script>z</script><iframe></iframe>')
    assert found == ["style= on <p>", "onclick= on <p>", "<script>", "<iframe>"]
    assert removed_html("<p><b>ok</b> <a href='topic:x'>x</a></p>") == []


def test_allowed_html_survives(small_library: Library) -> None:
    markdown = (
        "<b>bold</b> <em>em</em> <kbd>Ctrl</kbd> <mark>m</mark> <abbr title='Narcan'>N</abbr>\n\n"
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n> quote\n\n- one\n- two\n\n`code`\n"
    )
    html = _body(small_library, markdown)
    for fragment in (
        "<b>bold</b>",
        "<em>em</em>",
        "<kbd>Ctrl</kbd>",
        "<mark>m</mark>",
        '<abbr title="Narcan">N</abbr>',
        "<table>",
        "<th>a</th>",
        "<td>2</td>",
        "<blockquote>",
        "<li>two</li>",
        "<code>code</code>",
    ):
        assert fragment in html


# --------------------------------------------------------------------------------------
# Images never load from the network
# --------------------------------------------------------------------------------------
def test_pack_images_are_rewritten_to_pack_scheme(small_library: Library) -> None:
    html = small_library.html("naloxone")
    assert '<img alt="A naloxone kit" src="pack:images/kit.png">' in html


@pytest.mark.parametrize(
    "markdown",
    [
        "![a](images/kit.png)",
        "![a](./images/kit.png)",
        "![a](images/../images/kit.png)",
        '<img src="images/kit.png">',
    ],
)
def test_relative_images_stay_inside_the_pack(small_library: Library, markdown: str) -> None:
    html = _body(small_library, markdown)
    assert SRC_RE.findall(html) == ["pack:images/kit.png"]


def test_no_rendered_page_has_a_remote_image(default_library: Library) -> None:
    for topic in default_library.topics("en"):
        html = render_topic(topic, default_library, "en")
        for src in SRC_RE.findall(html):
            assert src.startswith("pack:"), (topic.id, src)
        assert not re.search(r"<img[^>]+src=\"(https?:|data:|//)", html)


# --------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------
def test_section_links_become_topic_addresses(small_library: Library) -> None:
    html = small_library.html("naloxone")
    assert '<a href="topic:naloxone#how-to-use-it">how to use it</a>' in html
    assert '<a href="topic:overdose-response#call-for-help">calling for help</a>' in html
    assert '<a href="resource:poison-help">Poison Help</a>' in html
    assert '<a href="https://www.cdc.gov/stop-overdose/">the CDC</a>' in html


@pytest.mark.parametrize(
    "markdown",
    [
        "[gone](topic:nowhere)",
        "[gone](topic:naloxone#nowhere)",
        "[gone](resource:nowhere)",
        "[gone](#nowhere)",
        "[gone](other.md)",
        "[gone](topic:)",
        "[gone](#)",
    ],
)
def test_broken_internal_links_render_as_text(small_library: Library, markdown: str) -> None:
    html = _body(small_library, f"See {markdown} now.\n")
    assert "gone" in html
    assert "href" not in html, html
    assert "nowhere" not in html


def test_https_links_kept_other_schemes_dropped(small_library: Library) -> None:
    html = _body(small_library, "[a](https://example.org/x?y=1&z=2) [b](http://example.org)\n")
    assert '<a href="https://example.org/x?y=1&amp;z=2">a</a>' in html
    assert "<a>b</a>" in html


def test_topic_addresses_are_normalised(small_library: Library) -> None:
    html = _body(small_library, "[a](topic:welcome) [b](resource:lifeline-988)\n")
    assert '<a href="topic:welcome">a</a>' in html
    assert '<a href="resource:lifeline-988">b</a>' in html


# --------------------------------------------------------------------------------------
# Section anchors agree with the loader
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "topic_id"), _default_topics())
def test_default_pack_section_ids_match_loader(
    default_library: Library, lang: str, topic_id: str
) -> None:
    topic = default_library.by_lang[lang].get(topic_id)
    assert topic is not None, f"{lang}/{topic_id} did not load"
    html = render_topic(topic, default_library, lang)
    assert H2_ID_RE.findall(html) == [s.anchor for s in topic.sections]
    assert list(section_anchors(html)) == [s.anchor for s in topic.sections]


@pytest.mark.parametrize(
    "body",
    [
        "## Cómo usar\n\nx\n\n## Cómo usar\n\ny\n",
        "## Signs\n\n### Signs\n\nx\n\n## Signs\n",
        "Intro\n\n```\n## Fake\n```\n\n## Real\n\n~~~\n## Fake too\n~~~\n",
        "````\n```\n## Fake\n```\n````\n\n## Real\n",
        "Intro\n\n```\nno closing fence\n\n## After\n",
        "## How {#use}\n\n## Where { #where .big }\n\n## Plain {.cls}\n\n## Use\n\n## use\n",
        "## Call for help ##\n\n## ¡¿!?\n\n## ...\n",
        "##Tight\n\n## Step 1 -- call 911!\n\n## HIV & hepatitis C\n",
        "## `code` in a heading\n\n## *Emphasis* here\n\n## A [link](topic:welcome)\n",
        "## Tom &amp; Jerry\n\n## <b>Bold</b> html\n\n## A ![kit](images/kit.png) picture\n",
        "## Call [988](resource:lifeline-988) now\n\n## **Bold** and _em_ and snake_case\n",
        "Intro\n\n###\n\n##\n\n## Real\n\n## C#\n\n#1 tip\n\n## Real ##\n",
    ],
)
def test_edge_case_anchors_match_loader(make_pack: PackFactory, body: str) -> None:
    library = load_pack(make_pack({"topics/en/naloxone.md": PackFactory.topic(body=body)}))
    topic = library.topic("naloxone")
    html = render_topic(topic, library, "en")
    assert H2_ID_RE.findall(html) == [s.anchor for s in topic.sections]


def test_section_titles_are_plain_text(make_pack: PackFactory) -> None:
    body = "## Call [988](resource:lifeline-988) now\n\n## **Bold** `code` &amp; more\n"
    library = load_pack(make_pack({"topics/en/naloxone.md": PackFactory.topic(body=body)}))
    sections = library.topic("naloxone").sections
    assert [(s.anchor, s.title) for s in sections] == [
        ("call-988-now", "Call 988 now"),
        ("bold-code-more", "Bold code & more"),
    ]


def test_links_are_checked_in_the_topic_language(make_pack: PackFactory) -> None:
    # Spanish headings make Spanish anchors: a Spanish page's link to one must survive.
    pack_yaml = PackFactory.PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    es_naloxone = PackFactory.topic(
        "naloxone", related=None, body="Texto.\n\n## Cómo usarla\n\nRocíela.\n"
    )
    es_welcome = PackFactory.topic(
        "welcome", related=None, body="Hola.\n\n## Uso\n\nVea [cómo](topic:naloxone#como-usarla).\n"
    )
    library = load_pack(
        make_pack(
            {"topics/es/naloxone.md": es_naloxone, "topics/es/welcome.md": es_welcome},
            pack_yaml=pack_yaml,
        )
    )
    assert not [f for f in library.findings if f.severity == "error"]
    html = library.html("welcome", "es")
    assert '<a href="topic:naloxone#como-usarla">cómo</a>' in html
    # The English page links to its own English anchors, which Spanish lacks.
    assert '<a href="topic:naloxone#how-to-use-it">' in library.html("naloxone", "en")


# --------------------------------------------------------------------------------------
# The page around the body
# --------------------------------------------------------------------------------------
def test_page_parts_in_order(small_library: Library) -> None:
    html = small_library.html("naloxone")
    assert html.startswith('<h1 class="topic-title">Naloxone</h1>')
    order = [
        html.index("<h1"),
        html.index("What naloxone does"),
        html.index('<hr class="footer-rule"/>'),
        html.index(">Related topics<"),
        html.index(">Sources<"),
        html.index("Facts last reviewed on 1 November 2026."),
    ]
    assert order == sorted(order)
    assert (
        '<ul class="related"><li><a href="topic:overdose-response">Responding to an overdose</a>'
        '</li><li><a href="topic:welcome">Welcome</a></li></ul>'
    ) in html
    assert '<a href="https://www.cdc.gov/overdose-prevention/">CDC: Overdose prevention</a>' in html


def test_no_related_heading_without_related_topics(small_library: Library) -> None:
    html = small_library.html("overdose-response")
    assert "Related topics" not in html
    assert ">Sources<" in html
    assert "Facts last reviewed on" in html


def test_spanish_labels(small_library: Library) -> None:
    html = render_topic(small_library.topic("naloxone"), small_library, "es")
    assert "Temas relacionados" in html and "Fuentes" in html
    assert "Datos revisados por última vez el 1 de noviembre de 2026." in html


def test_front_matter_text_is_escaped(make_pack: PackFactory) -> None:
    sources = '\n  - title: "<b>CDC</b> & co"\n    url: "https://example.org/?a=1&b=\\"x\\""'
    text = PackFactory.topic(
        "naloxone", title='"<script>alert(1)</script> & more"', sources=sources
    )
    library = load_pack(make_pack({"topics/en/naloxone.md": text}))
    html = library.html("naloxone")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "&lt;b&gt;CDC&lt;/b&gt; &amp; co" in html
    assert 'href="https://example.org/?a=1&amp;b=&quot;x&quot;"' in html


def test_callouts_become_tables(small_library: Library) -> None:
    html = small_library.html("naloxone")
    assert re.search(
        r'<table cellpadding="12" class="callout tip" width="100%"><tbody><tr><td>'
        r'<p class="callout-title">Safety tip</p>\s*<p>Stay with the person until help comes.</p>',
        html,
    ), html
    assert "admonition" not in html
    assert "<div" not in html


@pytest.mark.parametrize(
    ("markdown", "kind", "title"),
    [
        ('!!! warning "Get help now"\n\n    Call 911.\n', "warning", "Get help now"),
        ("!!! note\n\n    A note.\n", "note", "Note"),
        ('!!! tip "Safety tip"\n\n    Be safe.\n', "tip", "Safety tip"),
        ('!!! danger "Careful"\n\n    Danger.\n', "danger", "Careful"),
        ('!!! sparkly "Odd"\n\n    Unknown kind.\n', "note", "Odd"),
    ],
)
def test_callout_kinds(small_library: Library, markdown: str, kind: str, title: str) -> None:
    html = _body(small_library, markdown)
    assert f'class="callout {kind}"' in html
    assert f'<p class="callout-title">{title}</p>' in html


def test_callout_inside_a_list_is_still_a_table(small_library: Library) -> None:
    html = _body(small_library, 'Text\n\n!!! tip "T"\n\n    - a\n    - b\n')
    assert '<table cellpadding="12" class="callout tip"' in html
    assert "<li>a</li>" in html


# --------------------------------------------------------------------------------------
# The crisis box
# --------------------------------------------------------------------------------------
CRISIS_BOX = 'class="callout crisis"'


@pytest.mark.parametrize("note", sorted(CRISIS_NOTES))
def test_crisis_box_on_self_harm_and_suicide(small_library: Library, note: str) -> None:
    topic = small_library.topic("welcome")._replace(content_note=note)
    html = render_topic(topic, small_library, "en")
    assert html.count(CRISIS_BOX) == 1
    box = html[html.index(CRISIS_BOX) : html.index("</table>", html.index(CRISIS_BOX))]
    assert '<a href="resource:lifeline-988">988 Suicide &amp; Crisis Lifeline</a>' in box
    assert "call <b>988</b>" in box and "text <b>988</b>" in box
    assert "poison-help" not in box
    # The box comes before the body.
    assert html.index(CRISIS_BOX) < html.index("This reader works offline")


@pytest.mark.parametrize("note", [None, "overdose", "violence", "sexual-health"])
def test_no_crisis_box_otherwise(small_library: Library, note: str | None) -> None:
    topic = small_library.topic("welcome")._replace(content_note=note)
    assert CRISIS_BOX not in render_topic(topic, small_library, "en")


def test_crisis_box_shows_text_keyword(make_pack: PackFactory) -> None:
    resources = PackFactory.RESOURCES_YAML + (
        "\n- id: crisis-text-line\n  name: Crisis Text Line\n  description: {en: Text us.}\n"
        '  sms: "741741"\n  sms_body: HOME\n  tags: [crisis, self-harm, text]\n'
        "  region: US\n  verified: 2026-11-01\n"
        "\n- id: youth-line\n  name: Youth line\n  description: {en: For young people.}\n"
        '  phone: "555-0100"\n  tags: [crisis, suicide, youth]\n  region: US\n'
        "  verified: 2026-11-01\n"
    )
    library = load_pack(make_pack(resources_yaml=resources))
    topic = library.topic("welcome")._replace(content_note="self-harm")
    html = render_topic(topic, library, "en")
    item = re.search(r'<li><a href="resource:crisis-text-line">.*?</li>', html)
    assert item and re.search(r"HOME\b[^<]*<b>741741</b>", item.group(0)), html
    assert "resource:youth-line" not in html


def test_no_crisis_box_without_crisis_resources(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"resources.yaml": None}))
    topic = library.topic("welcome")._replace(content_note="suicide")
    assert CRISIS_BOX not in render_topic(topic, library, "en")


@pytest.mark.parametrize(("lang", "topic_id"), _default_topics())
def test_default_pack_crisis_box(default_library: Library, lang: str, topic_id: str) -> None:
    topic = default_library.by_lang[lang][topic_id]
    html = render_topic(topic, default_library, lang)
    has_box = CRISIS_BOX in html
    assert has_box == (topic.content_note in CRISIS_NOTES), topic_id
    if has_box:
        assert 'href="resource:lifeline-988"' in html
    labels = {"en": ("Facts last reviewed on", "Sources", "Related topics")}
    labels["es"] = ("Datos revisados por última vez el", "Fuentes", "Temas relacionados")
    reviewed, sources, related = labels.get(lang, labels["en"])
    assert reviewed in html
    assert f">{sources}<" in html
    if topic.related:
        assert f">{related}<" in html


def test_self_harm_topic_has_the_crisis_box(default_library: Library) -> None:
    html = render_topic(default_library.topic("self-harm"), default_library, "en")
    assert CRISIS_BOX in html


def test_fallback_notice(make_pack: PackFactory) -> None:
    pack_yaml = PackFactory.PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    library = load_pack(make_pack(pack_yaml=pack_yaml))
    topic = library.topic("naloxone", "es")
    assert topic.is_fallback
    html = render_topic(topic, library, "es")
    assert (
        '<p class="notice">Esta página aún no está disponible en su idioma, '
        "así que se muestra en inglés.</p>"
    ) in html
    assert '<p class="notice">' not in render_topic(library.topic("naloxone", "en"), library, "en")


def test_render_is_deterministic(small_library: Library) -> None:
    topic: Topic = small_library.topic("naloxone")
    assert render_topic(topic, small_library, "en") == render_topic(topic, small_library, "en")


def test_library_html_caches_and_matches_render(small_library: Library) -> None:
    topic = small_library.topic("naloxone")
    assert small_library.html("naloxone", "en") == render_topic(topic, small_library, "en")
    assert small_library.html("nowhere") == ""
