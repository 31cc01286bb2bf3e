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
    ("afp-lapresse-2023-11-16", "Azerbaijan refused on Thursday"),
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


def _cleaned(raw: str, title: str | None = None):
    from datetime import date

    from briefing_tools.clean import clean
    from briefing_tools.model import Source

    return clean(Source("x", "sources/x.md", title, None, None, date(2022, 11, 3), True, "en",
                        (), raw, 3))


WIRE = """NAIROBI, Kenya (AP) — The government and the rebels signed a deal on
Wednesday to end the two-year war, the African Union's envoy said, in a move
welcomed by the United Nations and the United States as a first step.

The agreement, reached after ten days of talks in Pretoria, calls for the
disarmament of the fighters within 30 days and the restoration of federal
authority in the region, officials said.

"This is a new dawn," said the envoy, a former president who led the
mediation for the regional bloc.

(Reporting by Jane Doe; Editing by John Smith)
"""


def test_hard_wrapped_wire_copy_is_joined_into_its_paragraphs():
    article = _cleaned(WIRE)
    assert [p.text[:30] for p in article.paragraphs] == [
        "The government and the rebels ", "The agreement, reached after t",
        "\"This is a new dawn,\" said the"]
    assert article.paragraphs[0].text.endswith("as a first step.")
    assert not any(p.is_heading for p in article.paragraphs)


def test_a_dateline_and_wire_credits_are_furniture():
    removed = {(r.kind, r.text) for r in _cleaned(WIRE).removed}
    assert ("dateline", "NAIROBI, Kenya (AP) —") in removed
    assert ("credits", "(Reporting by Jane Doe; Editing by John Smith)") in removed


def test_text_pasted_from_a_web_page_is_not_taken_for_wrapped_text():
    paragraphs = ["Short line one.", "A much longer paragraph " * 8, "Another one.",
                  "Yet another paragraph that runs on " * 5, "End.", "More text " * 20]
    article = _cleaned("\n".join(paragraphs))
    assert len(article.paragraphs) == len(paragraphs)


@pytest.mark.parametrize("line, kind", [
    ("By Jane Smith and John Doe", "byline"),
    ("By Lucy Papachristou | Reuters", "byline"),
    ("Photo by John Smith/AFP via Getty Images", "photo credit"),
    ("A man walks past a bombed building. REUTERS/Tiksa Negeri", "photo credit"),
    ("Police officers guard the road near the village, 24 September 2023. EFE-EPA/STR",
     "photo credit"),
    ("© 2023 Reuters. All rights reserved.", "copyright"),
    ("Facebook Twitter WhatsApp Email", "share and follow"),
    ("4 min read", "reading time"),
    ("Updated 12:30 GMT, 5 June 2023", "timestamp"),
    ("June 5, 2023 at 10:15 am", "timestamp"),
    ("Tags: Armenia, Azerbaijan", "tag list"),
    ("(Reporting by Jane Smith; Editing by John Doe)", "credits"),
    ("[Editor's note: this story was updated.]", "editor's note"),
    ("Read more: Talks resume in Brussels", "call to action"),
    ("Police stand guard near the village after an attack, 24 September 2023. EFE-EPA/STR",
     "photo credit"),
    ("Police stand guard near the village after an attack, 24 September 2023. TANJUG/JANE DOE",
     "photo caption"),
    ("Foto: AGENCIJA/JANE DOE", "credit line"),
    ("Izvor: Tanjug", "credit line"),
    ("podeli vest", "share and follow"),
    ("(@janedoe88)", "social handle"),
    ("Get the Courier in your inbox:", "subscription appeal"),
    ("Assinantes podem enviar 5 artigos por dia com acesso livre", "subscription appeal"),
    ("4:15 PM – Monday, March 4, 2024", "timestamp"),
    ("Agency Reports", "byline"),
    ("Redazione Ansa", "byline"),
    ("NTV Staff Jane Doe", "byline"),
    ("JD/abc/APA", "wire sign-off"),
    ("Translated by Jane Doe", "translation credit"),
    ("Read Also", "navigation"),
    ("text size", "navigation"),
    ("Leggi anche", "navigation"),
    ("Continue reading on:", "call to action"),
    ("Read the article in the original language", "call to action"),
    ("This undated image shows the harbour of Nordburg. Northland is one of four members.",
     "photo caption"),
    ("President Anna Berg (C), Omar Haddad (L) and the envoy shake hands after the signing.",
     "photo caption"),
    ("Omar Haddad (centre) is the public face of the movement", "photo caption"),
    ("Nordburg police remove their badges in protest Image: Jane Roe/AP Photo", "photo caption"),
    ("Fines are due from 22 NovemberImage: Council / Pool", "photo caption"),
    ("Tegh, Northland (Wikimedia Commons)", "photo credit"),
    ("jdt/rc/ifs", "wire sign-off"),
    ("Share current article via Email Share current article via Facebook", "share and follow"),
    ("NEWS 29.09.202322:19", "timestamp"),
    ("November 21, 2022", "date line"),
    ("Monday, 3rd March 2025", "date line"),
    ("Men block the street near the town hall, Monday, June 5, 2023. Clashes a week ago left 30 "
     "soldiers injured. The injuries included burns from improvised devices. (AP Photo/Jane Roe)",
     "photo credit"),
    ("The bridge separates the north of the city from its south. / Nordburg News", "photo credit"),
    ("AP, NORDBURG", "credit line"),
    ("Nordburg, May 26 (AFP) May 26, 2024", "dateline"),
    ("By bne IntelliNews August 9, 2024", "byline"),
    ("From Northland, by Nordburg News", "byline"),
    ("Translated to english by JR123", "translation credit"),
    ("*Reproduction of this content is prohibited.", "copyright"),
    ("northland-news.com", "credit line"),
    ("AP , Thursday 4 May 2023", "credit line"),
    ("Nordburg, Northland – May 15, 2025", "date line"),
    ("- Published", "timestamp"),
    ("27th Friday, February 2026 - 10:51 UTC", "timestamp"),
    ("Feb 27, 2023, 12:47 AM | Updated: 1:57 pm", "timestamp"),
    ("FILE - A worker walks next to a pile of sacks of food in Nordburg.", "photo caption"),
    ("Northland's President Anna Berg, left, speaks with the Union envoy Omar Haddad during "
     "their meeting in Nordburg", "photo caption"),
])
def test_furniture_of_other_sites_is_recognised(line, kind):
    from briefing_tools.clean import furniture_kind

    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", [
    "By then, talks had stalled.", "By contrast, the ministry said nothing.",
    "Twitter users said the claim was false.", "Azerbaijan said on Thursday it would meet.",
    "Talks ended without a deal. NATO said it was ready to help.",
    "Sources: two officials said the deal was close, and a third disagreed with them.",
    # Lists lettered in brackets, and staff who are the news.
    "Under article 3 (c) the parties agree to withdraw.", "UN staff said the camp was full.",
    "Read the statement in full below, the ministry said.",
    "The image: a column of refugees on the mountain road.", "Talks resume on 21 November 2022.",
    "Files were lost.", "The envoy left, saying nothing.", "U.S.", "Mr. Roe went to Nordburg.",
])
def test_sentences_that_look_like_furniture_stay(line):
    from briefing_tools.clean import furniture_kind

    assert furniture_kind(line) is None


def test_a_pages_timestamp_glued_after_the_last_sentence_is_removed():
    article = _cleaned("The envoy said both parties are bound by the deal. Source: NTV Sunday, "
                       "March 19, 2023 | 00:33 Tweet Share AP Photo/Jane Doe\n")
    assert article.paragraphs[0].text == "The envoy said both parties are bound by the deal."
    assert [r.kind for r in article.removed] == ["page metadata"]


def test_a_dated_byline_glued_to_a_paragraph_is_removed():
    article = _cleaned("The talks resumed in the capital on Monday, officials said. "
                       "(Agency, 24/8/2022)\n")
    assert article.paragraphs[0].text.endswith("officials said.")
    assert any(r.kind == "byline" for r in article.removed)


def test_a_dateline_with_agency_and_date_in_brackets_is_removed_after_a_stray_line():
    article = _cleaned("(@janedoe88)\n\nBELGRADE (Wire News / Agency - 22nd November, 2022) "
                       "The prime minister blamed the mediator for the failure of the talks.\n")
    assert article.paragraphs[0].text.startswith("The prime minister blamed")
    assert ("dateline", "BELGRADE (Wire News / Agency - 22nd November, 2022)") in {
        (r.kind, r.text) for r in article.removed}


def test_a_caption_above_the_headline_is_removed_where_it_is_printed_again():
    caption = "Police officers guard a checkpoint near the village, 24 September 2023."
    article = _cleaned(f"{caption}\n\nGun battle at the monastery\n\nMen stormed the monastery "
                       f"on Sunday, police said.\n\n{caption}\n\nThe siege went on.\n",
                       title="Gun battle at the monastery")
    assert caption not in article.text


@pytest.mark.parametrize("lede, dateline", [
    ("(WIRE)After twenty years of talks, the two blocs reached a trade agreement on Friday.",
     "(WIRE)"),
    ("Belgrade, Sep 24 (Agency).- Armed men stormed a monastery after killing a police officer.",
     "Belgrade, Sep 24 (Agency).-"),
    # The page left the date out and kept the comma.
    ("NORDBURG, - The envoy said on Tuesday that the talks would resume next month.",
     "NORDBURG, -"),
    # With its year, and an agency carrying another's copy.
    ("NORDBURG, Nov 1, 2024 (NNA/AFP) - Delegations will gather from Friday in the capital.",
     "NORDBURG, Nov 1, 2024 (NNA/AFP) -"),
    # The agency between slashes.
    ("NORDBURG, May 13. /NNA/. Northland said its border posts came under fire.",
     "NORDBURG, May 13. /NNA/."),
])
def test_datelines_glued_to_the_lede_or_closed_by_an_agencys_mark_are_removed(lede, dateline):
    article = _cleaned(lede + "\n")
    assert ("dateline", dateline) in {(r.kind, r.text) for r in article.removed}
    assert article.paragraphs[0].text == lede[len(dateline):].strip()


@pytest.mark.parametrize("caption", [
    # Someone doing something, with no finite verb.
    "Outgoing President Jane Roe giving her last press conference in Nordburg on 12 March.",
    # In the present tense, closed by the place and day the picture was taken.
    "Council President John Doe delivers a speech, on the day the two blocs sign a trade "
    "agreement, in Nordburg, Northland, on January 17 2026.",
])
def test_a_photo_caption_standing_alone_is_furniture(caption):
    article = _cleaned(f"{caption}\n\nThe talks ended on Monday, the envoy said.\n")
    assert [p.text for p in article.paragraphs] == ["The talks ended on Monday, the envoy said."]
    assert ("photo caption", caption) in {(r.kind, r.text) for r in article.removed}


@pytest.mark.parametrize("sentence", [
    "Delegates attending the talks said they were hopeful.",
    "Jane Roe arrives in Nordburg on Monday for the talks.",
    "Negotiators meeting in Nordburg agreed a ceasefire on 12 March.",
    "President Jane Roe travels to Nordburg on 12 March.",
    "Talks resuming in Nordburg",
    "The meeting comes ahead of a possible vote on the deal on Friday.",
    "The signing comes on January 17 2026.",
])
def test_story_sentences_like_captions_stay(sentence):
    article = _cleaned(f"{sentence}\n\nThe talks ended on Monday, the envoy said.\n")
    assert article.paragraphs[0].text == sentence


def test_a_pictures_description_above_its_caption_goes_with_it():
    article = _cleaned("The envoy held talks on Monday.\n\nMen unbuttoning blue shirts\n"
                       "Police officers remove their uniforms in protest Image: Jane Roe/AP Photo"
                       "\n\nProposal rejected\n\nThe proposal was rejected, the envoy said.\n")
    assert [p.text for p in article.paragraphs] == [
        "The envoy held talks on Monday.", "Proposal rejected",
        "The proposal was rejected, the envoy said."]


def test_lower_case_keywords_run_together_are_a_tag_list():
    article = _cleaned("nordburg jane roe john doe talks\n\nThe talks ended on Monday.\n")
    assert [r.kind for r in article.removed] == ["tag list"]
    assert _cleaned("the talks went on and on\n").paragraphs


def test_a_place_in_capitals_above_the_lede_is_a_dateline_but_a_subhead_further_on_stays():
    article = _cleaned("NORDBURG\n\nThe envoy arrived on Monday.\n\nThe talks began.\n\n"
                       "TENSIONS\n\nBoth sides traded accusations.\n")
    assert ("dateline", "NORDBURG") in {(r.kind, r.text) for r in article.removed}
    assert "TENSIONS" in article.text


def test_section_labels_before_the_headline_printed_again_are_a_breadcrumb():
    title = "Northland suspends peace talks with the rebels"
    article = _cleaned(f"World World {title}\n\nThe president suspended the talks on Friday.\n",
                       title=title)
    assert ("breadcrumb", f"World World {title}") in {(r.kind, r.text) for r in article.removed}
