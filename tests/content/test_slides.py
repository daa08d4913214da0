"""Cutting a rendered page into slides: one per ``##`` section, plus the introduction."""

from __future__ import annotations

import pytest

from hrreader.content.slides import (
    Slide,
    first_words,
    fragment_text,
    playlist_slides,
    slide_index,
    split_sections,
    topic_slides,
)

PAGE = """<h1 class="topic-title">Naloxone</h1>
<p>Intro &amp; more.</p>
<h2 id="what-it-does">What it does</h2>
<p>It works.</p>
<table cellpadding="12" class="callout tip" width="100%"><tbody><tr><td>
<h2 id="inside-a-callout">Not a section</h2><p>Tip.</p>
</td></tr></tbody></table><h2 class="x" id="how-to-use-it">How <em>to</em> use it</h2>
<ol><li>Call 911.</li></ol>
<hr class="footer-rule"/><h3 class="footer-heading">Related topics</h3>
<ul class="related"><li>x</li></ul>
<h2 id="after-the-footer">Never a slide</h2>"""


def test_split_cuts_at_top_level_h2_and_drops_the_footer():
    pieces = split_sections(PAGE)
    assert [p.anchor for p in pieces] == ["", "what-it-does", "how-to-use-it"]
    intro, first, second = pieces
    assert intro.html.startswith('<h1 class="topic-title">') and intro.html.endswith("more.</p>")
    assert "&amp;" in intro.html  # slices of the safe HTML, entities untouched
    assert first.html.startswith('<h2 id="what-it-does">')
    # the h2 inside the callout table stays in its section, callout and all
    assert "inside-a-callout" in first.html and first.html.endswith("</table>")
    assert second.title == "How to use it"
    assert "footer" not in second.html and "Related" not in second.html
    assert "".join(p.html for p in pieces).count("<table") == 1


def test_split_a_page_without_sections_is_one_piece():
    assert split_sections('<h1>T</h1><p>Only text.</p><hr class="footer-rule"/><p>f</p>') == [
        ("", "<h1>T</h1><p>Only text.</p>", "")
    ]


def test_split_a_page_that_starts_with_a_section_has_no_empty_intro():
    pieces = split_sections('<h2 id="a">A</h2><p>a</p><h2 id="b">B</h2>')
    assert [(p.anchor, p.html) for p in pieces] == [
        ("a", '<h2 id="a">A</h2><p>a</p>'),
        ("b", '<h2 id="b">B</h2>'),
    ]


def test_split_survives_stray_end_tags_and_headings_without_ids():
    pieces = split_sections("<p>x</div></p><h2>no id</h2><h2 id='y'>Y</h2><p>y")
    assert [p.anchor for p in pieces] == ["", "y"]
    assert "no id" in pieces[0].html


def test_topic_slides_follow_the_topics_sections(small_library):
    slides = topic_slides(small_library, "naloxone", "en")
    topic = small_library.topic("naloxone", "en")
    assert [s.anchor for s in slides] == ["", *[s.anchor for s in topic.sections]]
    assert slides[0].address == "topic:naloxone" and slides[0].title == "Naloxone"
    assert slides[0].is_intro and "<h1" in slides[0].page_html()
    how = slides[2]
    assert how.address == "topic:naloxone#how-to-use-it"
    assert how.title == "How to use it" and how.topic_title == "Naloxone"
    page = how.page_html()
    assert page.startswith('<p class="slide-topic">Naloxone</p>')
    assert "callout tip" in page and "Stay with the person" in page
    assert how.label() == "How to use it"
    assert how.label(with_topic=True) == "Naloxone: How to use it"
    assert "Sources" not in "".join(s.html for s in slides)


def test_topic_slides_of_an_unknown_topic_are_empty(small_library):
    assert topic_slides(small_library, "no-such-topic") == []


def test_every_default_topic_splits_into_its_sections(default_library):
    for lang in default_library.languages:
        for topic in default_library.topics(lang):
            slides = topic_slides(default_library, topic.id, lang)
            assert [s.anchor for s in slides[1:]] == [s.anchor for s in topic.sections], topic.id
            assert all(s.text for s in slides[1:]), topic.id


def test_playlist_slides_keep_the_order_and_skip_unknown_addresses(small_library):
    addresses = [
        "topic:overdose-response#stay-with-them",
        "topic:naloxone",
        "topic:nowhere#x",
        "topic:naloxone#no-such-section",
        "resource:poison-help",
        "topic:naloxone#how-to-use-it",
    ]
    slides = playlist_slides(small_library, addresses, "en")
    assert [s.address for s in slides] == [
        "topic:overdose-response#stay-with-them",
        "topic:naloxone",
        "topic:naloxone#how-to-use-it",
    ]


def test_slide_index_finds_the_address_or_its_topic(small_library):
    slides = playlist_slides(small_library, ["topic:welcome", "topic:naloxone#how-to-use-it"], "en")
    assert slide_index(slides, "topic:naloxone#how-to-use-it") == 1
    assert slide_index(slides, "topic:naloxone#where-to-get-it") == 1
    assert slide_index(slides, "topic:elsewhere") == 0
    assert slide_index([], "topic:x") == 0


def test_fragment_text_leaves_out_headings():
    text = fragment_text('<h2 id="a">Heading</h2><p>One&nbsp;two</p><ul><li>three</li></ul>')
    assert text == "One two three"  # \s folds the no-break space too


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("short", 10, "short"), ("one two three four", 10, "one two…"), ("a, b, c", 4, "a…")],
)
def test_first_words_cuts_at_a_word(text, limit, expected):
    assert first_words(text, limit) == expected


def test_slide_is_frozen():
    slide = Slide("topic:a", "a", "", "A", "A", "<h1>A</h1>")
    with pytest.raises(AttributeError):
        slide.title = "B"  # type: ignore[misc]
