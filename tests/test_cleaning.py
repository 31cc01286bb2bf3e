"""Cleaning drops page furniture (and records it), never article content."""

from __future__ import annotations

import pytest

FURNITURE = [
    ("obct-2023-03-10", "See also 44,588 police officers"),
    ("obct-2023-03-10", "This website uses cookies"),
    ("obct-2023-03-10", "Have you thought about a subscription"),
    ("obct-2023-03-10", "Comments, as far as possible"),
    ("obct-2023-03-10", "blog comments powered by"),
    ("oc-media-2024-12-06", "Related Articles"),
    ("oc-media-2024-12-06", "Most Popular"),
    ("oc-media-2024-12-06", "Editor‘s Picks"),
    ("oc-media-2024-12-06", "Media logo"),
    ("oc-media-2024-12-06", "Photo: US State Department."),
    ("afp-lapresse-2023-11-16", "source site-59"),
    ("reuters-trt-2023-06-22", "date 2023-06-22"),
]


@pytest.mark.parametrize("source, furniture", FURNITURE)
def test_furniture_is_removed_and_recorded(extractions, source, furniture):
    article = extractions[source].article
    assert furniture not in " ".join(article.text.split())
    assert any(furniture in r.text for r in article.removed)


def test_a_caption_printed_twice_is_gone_both_times(extractions):
    article = extractions["oc-media-2024-12-06"].article
    assert "(left)" not in article.text
    assert sum("(left)" in r.text for r in article.removed) == 2


@pytest.mark.parametrize("source, content", [
    ("obct-2023-03-10", "In a rare public occasion, officials from Azerbaijan"),
    ("obct-2023-03-10", "he concludes."),
    ("oc-media-2024-12-06", "Azerbaijani state media has reported"),
    ("oc-media-2024-12-06", "meetings are designed to strengthen and advance the peace process."),
    ("reuters-trt-2023-06-22", "Azerbaijan's foreign minister has rejected a demand"),
    ("afp-lapresse-2023-11-16", "(Baku) Azerbaijan refused on Thursday"),
    ("afp-rewrite-2022-04-07", "Approximately 30,000 individuals were slain"),
])
def test_article_content_stays(extractions, source, content):
    assert content in extractions[source].article.text


def test_untranslated_fragments_stay_and_are_flagged(extractions):
    article = extractions["obct-2023-03-10"].article
    flagged = {f.text for f in article.flags}
    assert flagged == {"[funzionari minori e tecnici]", "[i colloqui del primo marzo]",
                       "[affrontare]"}
    assert "[affrontare]" in article.text


def test_paragraph_offsets_point_into_the_cleaned_text(extractions):
    for extraction in extractions.values():
        article = extraction.article
        for p in article.paragraphs:
            assert article.text[p.start:p.end] == p.text
