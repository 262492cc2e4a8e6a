"""Who took part when a sentence does not name both sides: pronouns, roles, headlines."""

from __future__ import annotations

from datetime import date

from webapp.ingest.people.registry import Registry
from webapp.ingest.pipeline import extract_text
from webapp.ingest.read import read_bytes
from webapp.ingest.records import Extraction


def extract(text: str, registry: Registry) -> Extraction:
    return extract_text("s.txt", text, registry)


def pairs(extraction: Extraction) -> list[frozenset[str]]:
    return [frozenset(m.participants) for m in extraction.meetings]


def test_a_pronoun_subject_is_the_person_the_sentence_before_named(registry: Registry) -> None:
    text = (
        "Putin in Kazan\n\nKAZAN, October 22, 2024. Vladimir Putin welcomed the guests of the "
        "summit.\n\nLater, he held talks with Chinese President Xi Jinping."
    )
    assert frozenset({"Vladimir Putin", "Xi Jinping"}) in pairs(extract(text, registry))


def test_a_passive_pronoun_subject_is_resolved_too(registry: Registry) -> None:
    text = (
        "Japarov in Ankara\n\nANKARA, June 10, 2021. Sadyr Japarov arrived in Turkey.\n\n"
        "He was met by Turkish President Recep Tayyip Erdogan."
    )
    assert frozenset({"Sadyr Japarov", "Recep Tayyip Erdogan"}) in pairs(extract(text, registry))


def test_a_pronoun_with_no_one_named_before_gives_no_meeting(registry: Registry) -> None:
    text = "Talks in Minsk\n\nMINSK, June 10, 2021. He also had a meeting with Alexander Lukashenko"
    assert pairs(extract(text, registry)) == []


def test_the_leader_of_a_country_titles_a_new_name(registry: Registry) -> None:
    text = (
        "Japarov in Ankara\n\nANKARA, June 10, 2021. The meeting of the President of Kyrgyzstan "
        "Sadyr Japarov and the leader of Turkey Recep Tayyip Erdogan took place in Ankara."
    )
    extraction = extract(text, registry)
    assert [p.name for p in extraction.new_people] == ["Recep Tayyip Erdogan"]
    assert pairs(extraction) == [frozenset({"Sadyr Japarov", "Recep Tayyip Erdogan"})]


def test_a_host_receives_the_head_of_a_delegation(registry: Registry) -> None:
    text = (
        "Tokayev receives a delegation\n\nASTANA, March 4, 2024. President Kassym-Jomart "
        "Tokayev received a delegation led by Chinese Foreign Minister Wang Yi."
    )
    assert pairs(extract(text, registry)) == [frozenset({"Kassym-Jomart Tokayev", "Wang Yi"})]


def test_a_delegation_of_a_country_is_received_through_its_head(registry: Registry) -> None:
    # the country named between "delegation" and "led by" is part of the phrase
    text = (
        "Mirziyoyev receives a delegation\n\nTASHKENT, March 4, 2024. President Shavkat "
        "Mirziyoyev received a delegation of the People’s Republic of China led by Chinese "
        "Foreign Minister Wang Yi."
    )
    assert pairs(extract(text, registry)) == [frozenset({"Shavkat Mirziyoyev", "Wang Yi"})]


def test_the_reporter_named_after_the_news_is_no_participant(registry: Registry) -> None:
    # both sides are named around the cue; the aide who tells of it after ", said" is not
    # a third
    text = (
        "Aliyev and Pashinyan\n\nBAKU, March 4, 2024. President Ilham Aliyev has had a "
        "conversation with Prime Minister Nikol Pashinyan in Munich, said Hikmet Hajiyev, an "
        "aide to the Azerbaijani President."
    )
    assert pairs(extract(text, registry)) == [frozenset({"Ilham Aliyev", "Nikol Pashinyan"})]


def test_talks_that_continue_are_a_meeting_of_that_day(registry: Registry) -> None:
    text = (
        "Putin and Xi\n\nBEIJING, May 16, 2024. Russian President Vladimir Putin and Chinese "
        "President Xi Jinping continued their informal communication at the residence."
    )
    meetings = extract(text, registry).meetings
    assert [frozenset(m.participants) for m in meetings] == [
        frozenset({"Vladimir Putin", "Xi Jinping"})
    ]
    assert meetings[0].date == date(2024, 5, 16)


def test_an_undated_role_is_the_latest_holder_the_article_names(registry: Registry) -> None:
    """No date says who was president; of the two the article names, Tokayev came later."""
    text = (
        "Kazakh leader meets Putin\n\nMOSCOW (AP) — Kazakhstan’s leader has met with Russian "
        "President Vladimir Putin. President Kassym-Jomart Tokayev has kept a distance, and "
        "his predecessor Nursultan Nazarbayev resigned in 2019."
    )
    extraction = extract(text, registry)
    assert extraction.document.published is None
    assert extraction.mentions[0].person == "Kassym-Jomart Tokayev"
    assert pairs(extraction) == [frozenset({"Kassym-Jomart Tokayev", "Vladimir Putin"})]
    assert extraction.meetings[0].place == "Moscow"  # the dateline: nothing says another day


def test_an_undated_role_whose_holders_the_article_does_not_name_stays_unresolved(
    registry: Registry,
) -> None:
    text = "Kazakh leader travels\n\nMOSCOW (AP) — Kazakhstan’s leader has arrived in Moscow."
    assert extract(text, registry).mentions == ()


def test_the_talks_of_a_headline_named_by_surnames(registry: Registry) -> None:
    text = (
        "Putin thanks Mirziyoyev for his hospitality\n\nRussian President Vladimir Putin "
        "thanked Uzbek President Shavkat Mirziyoyev for the warm reception.\n\n"
        "During the talks, Putin highlighted that trade had increased by 30%."
    )
    assert pairs(extract(text, registry)) == [frozenset({"Vladimir Putin", "Shavkat Mirziyoyev"})]


def test_a_plan_to_meet_does_not_borrow_the_headline_people(registry: Registry) -> None:
    text = (
        "Tokayev and Putin discuss trade by phone\n\nASTANA, June 12, 2024. Kassym-Jomart "
        "Tokayev had a telephone conversation with Vladimir Putin.\n\n"
        "The leaders agreed to meet on the sidelines of the SCO summit in Astana in July."
    )
    assert extract(text, registry).meetings == ()


def test_talks_between_at_the_start_of_a_sentence(registry: Registry) -> None:
    text = (
        "Putin in Tashkent\n\nTASHKENT, May 28, 2024. On May 26, Vladimir Putin arrived in "
        "Tashkent at Shavkat Mirziyoyev's invitation. Talks between the two leaders took place "
        "on May 27."
    )
    [meeting] = extract(text, registry).meetings
    assert set(meeting.participants) == {"Vladimir Putin", "Shavkat Mirziyoyev"}
    assert meeting.date == date(2024, 5, 27)


def test_a_sentence_about_growth_is_text_not_a_ticker() -> None:
    text = "A title\n\nAstana, 4 March 2024. Tokayev spoke.\n\nTrade had increased by a third.\n"
    assert read_bytes("t.txt", text.encode()).text.endswith("Trade had increased by a third.")


def test_the_subject_comes_after_an_opening_phrase(registry: Registry) -> None:
    text = (
        "Lavrov meets ministers\n\nMOSCOW, June 6, 2024. During his meeting with Tajik "
        "Foreign Minister Sirojiddin Muhriddin, Sergey Lavrov discussed trade. He also met with "
        "Kazakhstan's Foreign Minister Murat Nurtleu."
    )
    found = pairs(extract(text, registry))
    assert frozenset({"Sergey Lavrov", "Murat Nurtleu"}) in found
    assert frozenset({"Sirojiddin Muhriddin", "Murat Nurtleu"}) not in found


def test_an_undated_sentence_about_a_dated_meeting_is_the_same_meeting(
    registry: Registry,
) -> None:
    text = (
        "Japarov in Ankara\n\n10 June 2021\n\nThe meeting of the President of Kyrgyzstan Sadyr "
        "Japarov and the leader of Turkey Recep Tayyip Erdogan took place yesterday in Ankara. "
        "Japarov was met by Erdogan."
    )
    [meeting] = extract(text, registry).meetings
    assert meeting.date == date(2021, 6, 9)


def test_a_venue_named_with_of_the_gives_its_city(registry: Registry) -> None:
    text = (
        "Xi meets Tokayev\n\n2024-07-10\n\nChinese President Xi Jinping held talks with "
        "Kassym-Jomart Tokayev on Monday at the Great Hall of the People."
    )
    [meeting] = extract(text, registry).meetings
    assert (meeting.date, meeting.place) == (date(2024, 7, 8), "Beijing")


def test_the_day_of_one_leaders_meetings_dates_a_meeting_told_without_one(
    registry: Registry,
) -> None:
    text = (
        " date 2024-07-05 Xi in Astana\n\nPresident Xi Jinping held three meetings on Thursday "
        "on the sidelines of the SCO summit in Astana.\n\nXi congratulated Belarus during his "
        "meeting with Belarusian President Alexander Lukashenko."
    )
    [meeting] = extract(text, registry).meetings
    assert set(meeting.participants) == {"Xi Jinping", "Alexander Lukashenko"}
    assert (meeting.date, meeting.date_from) == (date(2024, 7, 4), "related")


def test_two_days_for_one_leaders_meetings_date_nothing_else(registry: Registry) -> None:
    text = (
        " date 2024-07-05 Xi in Astana\n\nPresident Xi Jinping held meetings on Wednesday "
        "on the sidelines of the SCO summit in Astana.\n\nPresident Xi Jinping held more "
        "meetings on Thursday on the sidelines of the SCO summit.\n\nXi congratulated Belarus "
        "during his meeting with Belarusian President Alexander Lukashenko."
    )
    [meeting] = extract(text, registry).meetings
    assert (meeting.date, meeting.date_from) == (date(2024, 7, 5), "published")


def test_said_while_welcoming_a_guest_is_a_meeting(registry: Registry) -> None:
    text = (
        " date 2023-05-26 Tokayev and the envoy\n\nASTANA, 26 May. UAE envoy Suroor bin "
        "Mohammed Al Nahyan arrived in Astana.\n\n“We value our friends,” the Kazakh "
        "president said while welcoming Sheikh Surour today."
    )
    assert frozenset({"Kassym-Jomart Tokayev", "Suroor bin Mohammed Al Nahyan"}) in pairs(
        extract(text, registry)
    )


def test_welcoming_remarks_are_no_meeting(registry: Registry) -> None:
    text = (
        " date 2023-05-26 Tokayev speaks\n\nASTANA, 26 May. In his welcoming remarks "
        "President Kassym-Jomart Tokayev thanked Vladimir Putin for the invitation."
    )
    assert pairs(extract(text, registry)) == []


def test_talks_denied_are_no_meeting(registry: Registry) -> None:
    text = (
        " date 2022-07-30 Lavrov in Tashkent\n\nTASHKENT, July 29. Sergey Lavrov did not hold "
        "bilateral talks with Chinese Foreign Minister Wang Yi.\n\nSergey Lavrov never met "
        "Kassym-Jomart Tokayev during the visit."
    )
    assert pairs(extract(text, registry)) == []


def test_the_reporter_after_their_meeting_is_no_participant(registry: Registry) -> None:
    # "their meeting" is Xi's and Aliyev's; the Russian minister only tells of it
    text = (
        "Lavrov in Baku\n\nBAKU, November 14, 2024. During their meeting in Astana in July, "
        "Xi Jinping and Ilham Aliyev announced a strategic partnership, Sergey Lavrov said."
    )
    assert pairs(extract(text, registry)) == [frozenset({"Xi Jinping", "Ilham Aliyev"})]


def test_talks_told_earlier_in_the_same_city_are_that_days_meeting(registry: Registry) -> None:
    # "Earlier" gives no day, but the same two people in the same city on a dated visit
    # are the meeting of that day told again
    text = (
        "Putin and Xi\n\nBEIJING, May 16, 2024. Vladimir Putin and Xi Jinping continued their "
        "informal communication in Beijing.\n\nEarlier, the two leaders held talks in Beijing."
    )
    meetings = extract(text, registry).meetings
    assert [(frozenset(m.participants), m.date) for m in meetings] == [
        (frozenset({"Vladimir Putin", "Xi Jinping"}), date(2024, 5, 16))
    ]
    # a meeting of another time tells of no city of today's: it stays apart
    text = (
        "Putin and Xi\n\nBEIJING, May 16, 2024. Vladimir Putin and Xi Jinping held talks in "
        "Beijing.\n\nThe two leaders held talks in Moscow last year."
    )
    assert len(extract(text, registry).meetings) == 2
