"""Who said it: speakers the configuration does not list, and the patterns that used to go wrong
on unseen articles (each a regression test of a general rule, in made-up sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from briefing_tools.actors import build_gazetteer
from briefing_tools.config import parse_topic
from briefing_tools.extract import extract_source
from briefing_tools.model import Source

TOPIC = parse_topic("""
title: Northland–Southland talks
parties:
  - {id: northland, name: Northland, words: [Northland, Northlandic, Nordburg]}
  - {id: southland, name: Southland, words: [Southland, Southlandic, Sudburg, rebels]}
mediators:
  - {id: union, name: The Union, words: [Union]}
actors:
  - {name: Anna Berg, aliases: [Berg], role: President of Northland, side: northland}
  - {name: Omar Haddad, aliases: [Haddad], role: Leader of Southland, side: southland}
  - {name: Union Commission, aliases: [Commission], side: union, kind: organisation}
""")


def _statements(text: str, published: date = date(2024, 3, 7)) -> list[tuple[str, str | None]]:
    source = Source("s", "sources/s.md", None, None, None, published, True, "en", (), text, 3)
    extraction = extract_source(source, TOPIC, build_gazetteer(TOPIC))
    return [(f.speaker_text, f.speaker_side) for f in extraction.sentences if f.speaker_text]


@pytest.mark.parametrize("text, speaker, side", [
    # A titled person the configuration does not list, and the side their title gives.
    ("Northlandic Foreign Minister Jonas Vik told reporters the talks would go on.",
     "Jonas Vik", "northland"),
    # A spokesman for someone speaks for that someone's side, and is the speaker.
    ("Lena Moss, spokeswoman for President Anna Berg, said the offer stood.",
     "Lena Moss", "northland"),
    # An analyst is independent, whatever city the institute is in.
    ("“The gap is wide,” said Pavel Dunn, an analyst at the Nordburg Policy Institute.",
     "Pavel Dunn", None),
    # Organisations and groups speak.
    ("The Southlandic defence ministry said two soldiers were wounded.",
     "The Southlandic defence ministry", "southland"),
    ("The rebels say they will not disarm.", "The rebels", "southland"),
    # A party word as speaker.
    ("Nordburg has long insisted on a full withdrawal.", "Nordburg", "northland"),
    # Coordinated subjects: the first named.
    ("Nordburg and Sudburg accused each other of breaking the truce.", "Nordburg", "northland"),
    # A name set off by commas.
    ("The head of the Southlandic delegation, Karim Saleh, stated that the deal was dead.",
     "Karim Saleh", "southland"),
    # A name at the verb wins over a person named in an earlier phrase.
    ("In his call with President Anna Berg, Southlandic envoy Samir Nour warned of delays.",
     "Samir Nour", "southland"),
    # A second predicate joined by "and".
    ("Union envoy Marta Lind met both delegations and expressed her disappointment.",
     "Marta Lind", "union"),
    # "according to" a statement by a named spokesman: the person speaks.
    ("The ceasefire holds, according to a statement by spokesman Tomas Ek of the Union.",
     "Tomas Ek", "union"),
    # An agency relaying a named person's words: the person speaks.
    ("According to the agency, Haddad stressed that prisoners must be freed first.",
     "Haddad", "southland"),
    # A relative clause's subject is the person it follows, even after a preposition.
    ("This was in response to President Anna Berg, who was quoted last month as saying "
     "Northland wanted guarantees for its people.", "Anna Berg", "northland"),
    ("The envoy met Omar Haddad, who said the rebels would not disarm.",
     "Omar Haddad", "southland"),
])
def test_the_speaker_and_side(text, speaker, side):
    assert _statements(text)[0] == (speaker, side)


def test_he_is_the_last_subject_not_the_last_name():
    found = _statements("President Anna Berg met Omar Haddad on Monday. "
                        "“We are closer than ever,” she said.")
    assert found == [("Anna Berg", "northland")]


def test_a_quotation_closed_with_an_opening_mark_still_ends():
    # Pasted text often closes a quotation with “ instead of ”.
    found = _statements("Omar Haddad left the meeting early. “I told President Anna Berg about "
                        "our concerns,“ he said.")
    assert found == [("Omar Haddad", "southland")]


def test_a_quotation_over_several_sentences_is_one_statement_shown_whole():
    from briefing_tools.knowledge import build_knowledge

    text = ("‘This is not a deadlock. No, not at all. The talks continue,’ Haddad said.")
    source = Source("s", "sources/s.md", None, None, None, date(2024, 3, 7), True, "en", (),
                    text, 3)
    kb = build_knowledge([extract_source(source, TOPIC, build_gazetteer(TOPIC))], TOPIC)
    assert len(kb.statements) == 1
    statement = kb.statements[0]
    assert statement.quote == "This is not a deadlock. No, not at all. The talks continue,"
    assert statement.citations[0].excerpt == text


def test_a_quotation_whose_closing_mark_was_lost_does_not_hide_its_speaker():
    # The closing mark fell out (a translation, a paste): the speaker's name and verb sit inside
    # a quotation that never closes. The words are the analyst's, not the last speaker's.
    found = _statements(
        "The Southlandic defence ministry said it would respond.\n\n"
        "Many are sceptical of the talks.\n\n"
        "“This recent attack has definitely affected [the talks]Pavel Dunn, director of the "
        "Nordburg Centre for Policy Studies told the paper. “Not only the attack, but also "
        "the ultimatum”.\n\n"
        "“I don’t see how these meetings can continue,” he concludes.")
    assert found[0] == ("The Southlandic defence ministry", "southland")
    assert found[1:] == [("Pavel Dunn", None)] * 3


@pytest.mark.parametrize("text", [
    "Each side blamed the other for the clashes.",
    "The leaders agreed to meet again in May.",
    "President Anna Berg welcomed Omar Haddad to Nordburg.",
    "The lightning military operation by Southland ended on Monday.",
])
def test_no_one_speaks(text):
    assert _statements(text) == []
