"""Events: which dates of a sentence make chronology items, how they are shown, how they merge.

One regression test per failure pattern of issue #11 (event construction, date arithmetic in
context, display, merging); the date rules themselves are in test_dates.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefing_tools.extract import extract_source
from briefing_tools.knowledge import MERGE_MAX_GROUP, build_knowledge
from briefing_tools.model import Source


def article(text: str, published: date = date(2023, 11, 16), sid: str = "a") -> Source:
    return Source(id=sid, path=f"sources/{sid}.md", title="A headline", outlet="Outlet",
                  url=None, published=published, published_certain=True, language="en",
                  notes=(), raw_text=text, body_line=1)


def facts(text: str, topic, gazetteer, published: date = date(2023, 11, 16)):
    return extract_source(article(text, published), topic, gazetteer).sentences


def events_of(text: str, topic, gazetteer, published: date = date(2023, 11, 16)):
    return [(d.value, d.precision, d.planned)
            for f in facts(text, topic, gazetteer, published) for d in f.event_dates]


# --- Event construction -------------------------------------------------------------------------

def test_talks_in_two_months_joined_by_and_are_two_happenings(topic, gazetteer):
    found = events_of("Following talks in April and May, the two leaders reached an understanding.",
                      topic, gazetteer, date(2022, 8, 25))
    assert found == [("2022-04", "month", False), ("2022-05", "month", False)]


def test_a_range_between_two_months_is_one_happening(topic, gazetteer):
    found = events_of("Fighting raged between April and June, the monitors reported.",
                      topic, gazetteer, date(2022, 8, 25))
    assert found == [("2022-04", "month", False)]


def test_two_happenings_at_two_dates_in_one_sentence_make_two_events(topic, gazetteer):
    found = events_of("The government refused on Thursday to join the talks planned in November "
                      "in Washington.", topic, gazetteer)
    assert found == [("2023-11-16", "day", False), ("2023-11", "month", True)]


def test_a_date_inside_a_quotation_dates_no_event(topic, gazetteer):
    found = events_of("“We consider it not possible to hold the proposed meeting in Washington on "
                      "November 20,” the ministry said.", topic, gazetteer)
    assert found == []


def test_a_quotation_opened_straight_and_closed_curly_ends_at_its_close(topic, gazetteer):
    # Pasted text mixes marks: the date after the quotation is the narrative's.
    found = events_of('"As agreed before,” the two ministers will hold talks in Almaty on '
                      "November 20, the ministry said.", topic, gazetteer)
    assert found == [("2023-11-20", "day", True)]


def test_a_sentence_continuing_an_open_quotation_dates_no_event(topic, gazetteer):
    text = ("The minister said: “The talks cannot go on. The meeting set for November 20 is "
            "off. We regret it,” he said.")
    assert events_of(text, topic, gazetteer) == []


def test_a_date_qualifying_a_noun_dates_nothing(topic, gazetteer):
    text = ("Troops were deployed under the November 2020 ceasefire declaration, which the "
            "parties still invoke.")
    assert events_of(text, topic, gazetteer) == []


@pytest.mark.parametrize("text, expected", [
    # A name's head decides: an agreement is no happening, a war is.
    ("The move threatens the peace secured under the 2022 Nordburg Cessation of Hostilities "
     "Agreement.", []),
    ("Thousands died in the 2020 Nordburg War.", [("2020", "year", False)]),
])
def test_a_date_qualifying_a_name_dates_only_a_happening(topic, gazetteer, text, expected):
    assert events_of(text, topic, gazetteer) == expected


def test_the_worst_since_a_date_dates_nothing(topic, gazetteer):
    text = ("The leaders will meet this week, days after the worst fighting between the two "
            "since last year's war.")
    assert [v for v, p, _ in events_of(text, topic, gazetteer) if p == "year"] == []


def test_an_abbreviations_possessive_opens_no_quotation(topic, gazetteer):
    text = "The U.N.'s food agency told its partners on April 20 that it had suspended deliveries."
    assert events_of(text, topic, gazetteer, date(2023, 5, 4)) == [("2023-04-20", "day", False)]


def test_a_dated_communication_act_is_the_sentences_happening(topic, gazetteer):
    found = events_of("In a March 7 statement, the ministry threatened to leave the talks.",
                      topic, gazetteer, date(2023, 3, 10))
    assert found == [("2023-03-07", "day", False)]


def test_a_dated_happening_noun_is_a_happening(topic, gazetteer):
    found = events_of("Following the March incident, the two ministers spoke.", topic,
                      gazetteer, date(2022, 4, 7))
    assert found == [("2022-03", "month", False)]


def test_a_named_bloc_is_no_date(topic, gazetteer):
    assert events_of("Leaders of the March 14 alliance met the envoy.", topic, gazetteer) == []


def test_a_claim_about_an_earlier_time_is_filed_under_that_time(topic, gazetteer):
    found = events_of("Baku accepted, claiming that it had made a similar approach a year prior.",
                      topic, gazetteer, date(2022, 4, 7))
    assert found == [("2021", "year", False)]


def test_a_date_told_twice_is_one_happening(topic, gazetteer):
    found = events_of("By late Friday, September 29, 93,000 people had arrived in Armenia.",
                      topic, gazetteer, date(2023, 10, 5))
    assert found == [("2023-09-29", "day", False)]


def test_a_range_makes_one_event_dated_by_its_start(topic, gazetteer):
    found = events_of("The conference met from June 1 to June 5, 1992, in Helsinki.", topic,
                      gazetteer, date(2023, 1, 5))
    assert found == [("1992-06-01", "day", False)]


def test_a_range_with_times_of_day_is_one_happening(topic, gazetteer):
    found = events_of("The rebels halted operations from 00:00 local time on 23 December until "
                      "00:00 on 3 January.", topic, gazetteer, date(2025, 1, 3))
    assert found == [("2024-12-23", "day", False)]


@pytest.mark.parametrize("text", [
    "Four soldiers were killed: Jane Roe (1999), John Doe (1989) and Pavel Dunn (1997).",
    "He cited Article 62 of the Federal Constitution (1995) in his call for a nominee.",
])
def test_a_year_in_brackets_dates_nothing(topic, gazetteer, text):
    assert events_of(text, topic, gazetteer) == []


def test_so_far_dates_nothing(topic, gazetteer):
    assert events_of("Nothing of substance has come of the process so far.", topic,
                     gazetteer) == []


# --- Tense in context ---------------------------------------------------------------------------

def test_a_past_reporting_verb_before_the_date_makes_it_past(topic, gazetteer):
    found = events_of("The parties said on Monday that they would resume talks.", topic,
                      gazetteer, date(2024, 2, 27))
    assert found == [("2024-02-26", "day", False)]


def test_a_quotation_does_not_set_the_tense_of_the_narrative(topic, gazetteer):
    found = events_of("“It is hardly possible to talk about who is to blame,” Peskov insisted "
                      "on September 28 amid criticism.", topic, gazetteer, date(2023, 10, 5))
    assert found == [("2023-09-28", "day", False)]


def test_a_future_clause_reaches_back_to_its_start(topic, gazetteer):
    found = events_of("The meeting comes ahead of a possible vote on the deal during a gathering "
                      "of the member states' permanent representatives to the EU on Friday.",
                      topic, gazetteer, date(2026, 1, 7))
    assert found == [("2026-01-09", "day", True)]


def test_a_weekday_with_its_date_takes_the_date(topic, gazetteer):
    found = events_of("A potential signing could follow in Paraguay on Monday (January 12).",
                      topic, gazetteer, date(2026, 1, 7))
    assert found == [("2026-01-12", "day", True)]


def test_in_november_that_year_takes_the_last_year_named(topic, gazetteer):
    text = "Petro took office in August 2022. Talks resumed in November that year."
    found = events_of(text, topic, gazetteer, date(2024, 2, 27))
    assert found[-1] == ("2022-11", "month", False)


# --- Display ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, shown", [
    ("Azerbaijan refused on Thursday to take part.", date(2024, 12, 6),
     "Azerbaijan refused on Thursday [5 December 2024] to take part."),
    ("There were three clashes this year.", date(2023, 3, 10),
     "There were three clashes this year [2023, as of March]."),
    ("Nothing has come of it so far.", date(2023, 3, 10),
     "Nothing has come of it so far [as of March 2023]."),
    ("They met on September 28 in Moscow.", date(2023, 10, 5),
     "They met on September 28 [2023] in Moscow."),
    ("They met on 28 September 2023 in Moscow.", date(2023, 10, 5),
     "They met on 28 September 2023 in Moscow."),
    ("By late Friday, September 29, 93,000 had arrived.", date(2023, 10, 5),
     "By late Friday, September 29 [2023], 93,000 had arrived."),
])
def test_a_resolved_date_keeps_the_words_and_adds_the_date(topic, gazetteer, text, published,
                                                           shown):
    assert facts(text, topic, gazetteer, published)[0].display == shown


def test_a_quotation_is_shown_verbatim(topic, gazetteer):
    text = "“We will meet on Friday,” the minister said on Thursday."
    shown = facts(text, topic, gazetteer, date(2024, 12, 6))[0].display
    assert shown.startswith("“We will meet on Friday,”")
    assert shown.endswith("on Thursday [5 December 2024].")


# --- Merging ------------------------------------------------------------------------------------

def _kb(texts: list[tuple[str, str, date]], topic, gazetteer):
    from briefing_tools.actors import build_gazetteer

    gazetteer = gazetteer or build_gazetteer(topic)
    return build_knowledge([extract_source(article(t, p, sid), topic, gazetteer)
                            for sid, t, p in texts], topic)


def test_month_names_are_not_distinctive_shared_words(topic, gazetteer):
    kb = _kb([("a", "Farmers blocked roads on 3 November near Brussels.", date(2023, 11, 20)),
              ("b", "Ministers debated tariffs on 3 November in Luxembourg.", date(2023, 11, 20))],
             topic, gazetteer)
    assert len([e for e in kb.events if e.date == "2023-11-03"]) == 2


def test_a_plan_and_another_deed_of_that_day_are_two_rows(topic, gazetteer):
    """Regression: "plan to fly … on Saturday to sign the deal", written on Wednesday, merged
    with Saturday's "President X on Saturday urged … to sign a deal", and the row lost its plan."""
    kb = _kb([("a", "It would thwart President Mara Lind's plan to fly to Lisbon on Saturday to "
                    "sign the deal.", date(2025, 12, 17)),
              ("b", "President Tomas Berg on Saturday urged the bloc to sign the deal.",
               date(2025, 12, 20))], topic, gazetteer)
    rows = [e for e in kb.events if e.date == "2025-12-20"]
    assert len(rows) == 2
    assert [r.planned for r in sorted(rows, key=lambda r: r.citations[0].source)] == [True, False]


def test_a_month_only_date_does_not_chain_different_days(topic, gazetteer):
    kb = _kb([("a", "Negotiators signed the fisheries protocol on 3 November.", date(2023, 12, 1)),
              ("b", "Negotiators signed the fisheries protocol in November.", date(2023, 12, 2)),
              ("c", "Negotiators signed the fisheries protocol on 9 November.", date(2023, 12, 3))],
             topic, gazetteer)
    for event in kb.events:
        assert len({c.source for c in event.citations}) == len(event.citations)
    dates = sorted(e.date for e in kb.events)
    assert dates == ["2023-11", "2023-11-03", "2023-11-09"]


def test_a_row_holds_one_telling_per_source_and_is_bounded(topic, gazetteer):
    texts = [(f"s{i:03d}", "Negotiators signed the fisheries protocol in Brussels on 3 November.",
              date(2023, 12, 1)) for i in range(MERGE_MAX_GROUP + 5)]
    texts.append(("s999", "Negotiators signed the fisheries protocol in Brussels on 3 November. "
                          "Negotiators signed the fisheries protocol in Brussels on 3 November, "
                          "again.", date(2023, 12, 1)))
    kb = _kb(texts, topic, gazetteer)
    assert all(len(e.citations) <= MERGE_MAX_GROUP for e in kb.events)
    for event in kb.events:
        sources = [c.source for c in event.citations]
        assert len(sources) == len(set(sources))
    assert sum(len(e.citations) for e in kb.events) == len(texts) + 1


def test_two_events_of_one_sentence_have_distinct_ids(topic, gazetteer):
    kb = _kb([("a", "The government refused on Thursday to join the talks planned in November.",
               date(2023, 11, 16))], topic, gazetteer)
    assert len(kb.events) == 2
    assert len({e.id for e in kb.events}) == 2


# --- Topic-neutral rules (no phrase of the seed articles) ----------------------------------------

@pytest.mark.parametrize("text", [
    "Peace talks between the two former Yugoslav republics have made little progress.",
    "The region, populated mostly by ethnic Serbs, declared independence.",
    "'Greater Somalia' is an expansionist concept commonly used by nationalists.",
    "The rebels have fought the state for decades.",
])
def test_background_cues_hold_on_any_conflict(text):
    from briefing_tools.patterns import BACKGROUND_CUES

    assert BACKGROUND_CUES.search(text.lower())


def test_a_topics_own_history_words_come_from_the_configuration(topic, gazetteer):
    from dataclasses import replace

    text = "The irredentist rhetoric of the party worries its neighbours."
    assert not facts(text, replace(topic, background_cues=()), gazetteer)[0].is_background
    assert facts(text, replace(topic, background_cues=("irredentist",)), gazetteer)[0].is_background


def test_background_cues_key_is_validated():
    from briefing_tools.config import parse_topic
    from briefing_tools.errors import ConfigError

    base = "title: T\nparties:\n  - {id: a, name: A}\n"
    assert parse_topic(base + "background_cues: [irredentist]\n").background_cues == (
        "irredentist",)
    with pytest.raises(ConfigError):
        parse_topic(base + "background_cues: {a: 1}\n")


@pytest.mark.parametrize("text, stance", [
    ("Armenia does not approve of the refusal, because meetings advance the process.",
     "accepted"),
    ("Bogotá criticised the ELN's rejection of the Norwegian offer.", "accepted"),
    ("The guerrillas rejected the offer.", "refused"),
])
def test_a_partys_regard_for_a_mediator_by_general_rules(text, stance):
    from briefing_tools.patterns import STANCE_CUES

    assert next(label for label, pattern in STANCE_CUES if pattern.search(text)) == stance


@pytest.mark.parametrize("text", [
    "If the political will is there, the treaty could be signed within weeks.",
    "The deal will be ratified provided that farmers are compensated.",
])
def test_conditions_on_what_is_to_come_are_outlook(text):
    from briefing_tools.patterns import OUTLOOK_CUES

    assert OUTLOOK_CUES.search(text.lower())


def test_an_embedded_posts_signature_dates_nothing(topic, gazetteer):
    text = ("Participation of society in peace is the theme pic.twitter.com/abc — William Parra "
            "(@William_Garra) February 12, 2023")
    assert events_of(text, topic, gazetteer, date(2023, 2, 13)) == []


def test_the_scope_of_a_superlative_dates_nothing(topic, gazetteer):
    text = "Each side blames the other for what was the worst episode of violence this year."
    assert events_of(text, topic, gazetteer, date(2023, 3, 10)) == []


@pytest.mark.parametrize("text", [
    # A stock taken at a time: no happening.
    "As of Wednesday evening, three of the wounded soldiers remain in serious condition.",
    # The time of the last such happening, not news.
    "It is the first aid convoy to reach the region since December, officials said.",
    "The only ceasefire since 2019 lasted a week.",
    # A decade is no year.
    "The movement, which was created in the 1960's, has been involved in kidnappings.",
])
def test_stock_taking_first_since_and_decades_date_nothing(text, topic, gazetteer):
    assert events_of(text, topic, gazetteer, date(2023, 4, 13)) == []


def test_a_dated_noun_for_happenings_dates_them(topic, gazetteer):
    text = ("The lawyer said Friday that his client accepted responsibility for the September 24 "
            "events in the village.")
    assert ("2023-09-24", "day", False) in events_of(text, topic, gazetteer, date(2023, 9, 29))


def test_a_day_owning_a_happening_told_already_retells_it(topic, gazetteer):
    text = ("The two blocs signed a free trade agreement on Saturday in the capital.\n\n"
            "The envoys joined the presidents at Saturday’s ceremony.\n\n"
            "Sunday's talks were short.\n")
    assert events_of(text, topic, gazetteer, date(2026, 1, 19)) == [
        ("2026-01-17", "day", False), ("2026-01-18", "day", False)]


@pytest.mark.parametrize("text", [
    "Trade between the two blocs reached a value of €111bn in 2024.",
    "Exports to the region rose 12% in March, officials said.",
])
def test_a_figure_for_a_period_is_no_happening(text, topic, gazetteer):
    assert events_of(text, topic, gazetteer, date(2026, 1, 17)) == []


def test_a_span_qualifying_the_opening_phrase_dates_nothing(topic, gazetteer):
    text = ("Despite negotiations since 2023, talks between the government and the rebels broke "
            "down on January 17.")
    assert events_of(text, topic, gazetteer, date(2025, 10, 13)) == [("2025-01-17", "day", False)]


def test_since_still_dates_what_began_then(topic, gazetteer):
    text = "The envoy said that since August the dispute over the border has worsened."
    assert events_of(text, topic, gazetteer, date(2022, 11, 21)) == [("2022-08", "month", False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("After talks in May, the two leaders agreed to meet again in July or August.",
     [("2023-05", "month", False)]),
    ("The envoys may return on Tuesday or on Wednesday, officials said.", []),
    ("The vote could be held in March 2024 or in April 2024.", []),
])
def test_dates_offered_as_alternatives_date_nothing(text, expected, topic, gazetteer):
    assert events_of(text, topic, gazetteer, date(2023, 8, 25)) == expected


def test_a_date_in_a_condition_dates_nothing(topic, gazetteer):
    text = ("The minister believes that if March 2024 was proposed by the mediators, it should "
            "have been the proposal of the whole council.")
    assert events_of(text, topic, gazetteer, date(2023, 11, 22)) == []


def test_a_date_after_the_condition_still_dates_its_happening(topic, gazetteer):
    text = "If the talks fail, the council will meet on December 4 to decide on sanctions."
    assert events_of(text, topic, gazetteer, date(2023, 11, 22)) == [
        ("2023-12-04", "day", True)]


@pytest.mark.parametrize(("text", "planned"), [
    ("President Tomas Berg on Saturday urged the bloc to sign the deal.", False),
    ("The ministers on Saturday formally agreed to meet again.", False),
    ("Talks will be held on Saturday followed by a dinner.", True),
])
def test_a_past_verb_right_after_the_date_makes_it_that_days_deed(topic, gazetteer, text,
                                                                   planned):
    """Regression: the infinitive in "on Saturday urged the bloc to sign" made Saturday planned
    in a Saturday story."""
    assert events_of(text, topic, gazetteer, date(2025, 12, 20)) == [
        ("2025-12-20", "day", planned)]


def test_a_row_is_planned_only_while_every_telling_says_so(topic, gazetteer):
    """Regression: a row took 'planned' from its earliest telling although a later source
    reported the happening done."""
    kb = _kb([("a", "The ceasefire will start on August 3 across the country.", date(2023, 7, 20)),
              ("b", "The ceasefire started on August 3 across the country.", date(2023, 8, 10))],
             topic, gazetteer)
    row = next(e for e in kb.events if e.date == "2023-08-03")
    assert len(row.citations) == 2 and not row.planned


@pytest.mark.parametrize("text", [
    "Outstanding obstacles on the path to a deal include beef quotas.",
    "There is little prospect of meaningful negotiations before the elections.",
])
def test_outlook_cues_are_not_the_seed_articles_phrases(text):
    from briefing_tools.patterns import OUTLOOK_CUES

    assert OUTLOOK_CUES.search(text.lower())


def test_insisting_on_a_date_is_not_mediation():
    from briefing_tools.patterns import MEDIATION_CUES

    assert not MEDIATION_CUES.search("Peskov insisted on September 28 amid criticism.")
    assert MEDIATION_CUES.search("Washington insisted on mediating the meeting.")
    assert MEDIATION_CUES.search("Norway agreed to join the talks as a guarantor.")


def test_a_photo_caption_left_in_the_text_dates_nothing(topic, gazetteer):
    text = ("US President Donald Trump (C), Azerbaijani President Ilham Aliyev (L) and Armenian "
            "Prime Minister Nikol Pashinyan (R) shake hands at the White House on August 8, 2025.")
    assert events_of(text, topic, gazetteer, date(2025, 8, 8)) == []
