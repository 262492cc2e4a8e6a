"""The site's frame around an article: captions with agency credits, wire headers, app links."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest.read.outlets import outlets
from webapp.ingest.read.reader import read_bytes

BODY = "TASHKENT, April 12 (Xinhua) -- The presidents met here on Wednesday."


@pytest.mark.parametrize(
    "caption",
    [
        # longer than a frame line may be, but a sentence never ends in a handout credit
        "Uzbek President Shavkat Mirziyoyev (R) meets with Chinese State Councilor and Foreign"
        " Minister Qin Gang in Tashkent, Uzbekistan, on April 12, 2023. (China's Ministry of"
        " Foreign Affairs/Handout via Xinhua)",
        "Russian President Vladimir Putin walks with the Crown Prince during a welcome ceremony"
        " in Abu Dhabi, October 15, 2019. REUTERS/Christopher Pike Image Credit: REUTERS",
        "The leaders before the talks. (Photo by Li Xueren via Xinhua)",
    ],
)
def test_a_photo_caption_ending_with_an_agency_credit_is_not_the_title(caption: str) -> None:
    document = read_bytes("caption.txt", f"{caption}\n\n{BODY}".encode())
    assert document.title is None or document.title.startswith("The presidents met")
    assert caption not in document.text


def test_a_sentence_about_a_handout_stays() -> None:
    line = "The ministry said the photographs were a handout (via Xinhua) and were genuine."
    document = read_bytes("x.txt", f"Leaders meet\n\n{BODY}\n\n{line}".encode())
    assert line in document.text


@pytest.mark.parametrize(
    "chrome",
    [
        "apple store",
        "play market",
        "night_theme",
        "WHAT ARE YOU LOOKING FOR ?",
        "Yandex metrika counter",
        "Any use of materials is allowed only if there is a hyperlink to Caliber.az",
    ],
)
def test_app_links_switches_scripts_and_reuse_notices_are_frame(chrome: str) -> None:
    text = f"{chrome}\n\nLeaders meet in Tashkent\n\n{BODY}"
    document = read_bytes("x.txt", text.encode())
    assert document.title == "Leaders meet in Tashkent"
    assert chrome not in document.text


def test_a_press_release_wire_header_is_frame_with_its_issuer_line() -> None:
    text = (
        "Prime Minister of the Russian Federation\n\n"
        "11/28/2022 | Press release | Distributed by Public on 11/29/2022 12:22\n\n"
        "Mikhail Mishustin’s meeting with President of Kazakhstan Kassym-Jomart Tokayev\n\n"
        "Mikhail Mishustin: Good afternoon, Mr President."
    )
    document = read_bytes("wire.txt", text.encode())
    assert document.title == (
        "Mikhail Mishustin’s meeting with President of Kazakhstan Kassym-Jomart Tokayev"
    )
    assert "Distributed by" not in document.text


@pytest.mark.parametrize(
    ("title", "kept", "source"),
    [
        # a government body after a dash is who said it, as agencies write headlines
        ("Putin, Turkmen leader discuss ties in phone call — Kremlin",
         "Putin, Turkmen leader discuss ties in phone call — Kremlin", None),
        # after a bar it is the site's name
        ("Putin, Turkmen leader discuss ties in phone call | Kremlin",
         "Putin, Turkmen leader discuss ties in phone call", "Kremlin"),
        # a news outlet after a dash is still the site
        ("Leaders meet in Tashkent - The Astana Times", "Leaders meet in Tashkent",
         "The Astana Times"),
    ],
)  # fmt: skip
def test_a_government_body_after_a_dash_ends_the_headline(
    title: str, kept: str, source: str | None
) -> None:
    document = read_bytes("t.txt", f"{title}\n\nThe leaders spoke on Friday.".encode())
    assert (document.title, document.source) == (kept, source)


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Follow us on Twitter @AzerNewsAz", "Azernews"),  # azernews.az run together
        ("Follow us on Telegram: @Kazinform", "Kazinform"),
        ("Follow us on Twitter @SomeBlogger", None),
    ],
)
def test_the_sites_account_in_its_follow_us_line_names_the_source(
    line: str, source: str | None
) -> None:
    text = f"Leaders meet in Baku\n\nThe president received the envoy.\n\n{line}"
    document = read_bytes("f.txt", text.encode())
    assert document.source == source
    assert line not in document.text


def test_a_handle_is_an_outlets_name_or_domain_run_together() -> None:
    table = outlets()
    assert table.handle("@AzerNewsAz").name == "Azernews"
    assert table.handle("newsaz").name == "News.az"
    assert table.handle("@nobody_here") is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a wire's tag after the story's last sentence signs it
        ("The talks were long. (AFP)", "AFP"),
        # a photographer's credit ends a caption, which is frame
        ("Tokayev and Putin before the talks (Xinhua/Li Xueren)", None),
        ("Tokayev and Putin before the talks (AFP)", None),
    ],
)
def test_a_sign_off_after_a_sentence_is_no_caption(text: str, source: str | None) -> None:
    document = read_bytes("s.txt", f"Leaders meet\n\nThe presidents met.\n\n{text}".encode())
    assert document.source == source
    assert (text in document.text) is (source is not None)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Tokayev met Putin, reports Kazinform.", "Kazinform"),
        ("Tokayev met Putin, writes Daryo.", "Daryo"),
        ("Tokayev met Putin, reports Kazinform citing Akorda.", "Kazinform"),
        # a press service relayed is not the publisher
        ("Tokayev met Putin, reports Akorda.", None),
    ],
)
def test_the_outlet_after_reports_is_the_source(sentence: str, source: str | None) -> None:
    assert read_bytes("r.txt", f"Leaders meet\n\n{sentence}".encode()).source == source


def test_a_headline_printed_twice_in_another_case_is_one_title() -> None:
    text = (
        "Aliyev Says Talks In Geneva Should Be Meaningful\n\n"
        "Aliyev Says Talks in Geneva Should Be Meaningful\n\n"
        "Baku expects the negotiations to be meaningful, President Ilham Aliyev said\n\n"
        "BAKU (Sputnik) - Baku expects the negotiations to be meaningful, Aliyev said."
    )
    document = read_bytes("twice.txt", text.encode())
    assert document.title == "Aliyev Says Talks In Geneva Should Be Meaningful"
    assert document.subtitle == (
        "Baku expects the negotiations to be meaningful, President Ilham Aliyev said"
    )


def test_a_salutation_is_no_subtitle() -> None:
    text = (
        "Lavrov’s remarks following talks with Bayramov, Moscow, August 26, 2020\n\n"
        "Ladies and gentlemen,\n\n"
        "We have held talks with the new Minister of Foreign Affairs of Azerbaijan."
    )
    document = read_bytes("speech.txt", text.encode())
    assert document.subtitle is None
    assert document.text.startswith("Ladies and gentlemen,")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("By Reuters Staff\n\nThe presidents met.", "Reuters"),
        ("By Staff Writer, The Times of Central Asia\n\nThe presidents met.",
         "The Times of Central Asia"),
        ("By Aigerim Sadykova, The Astana Times\n\nThe presidents met.", "The Astana Times"),
        ("By Aigerim Sadykova\n\nThe presidents met.", None),
        # Trend signs with a dash and a colon after the author's name
        ("By Diana Aliyeva – Trend:\n\nThe presidents met.", "Trend"),
        ("By Diana Aliyeva - Trend\n\nThe presidents met.", "Trend"),
        ("By Diana Aliyeva – a correspondent\n\nThe presidents met.", None),
        # the outlet whose report the page gives, quoting a speaker
        ('"The presidents met," RIA Novosti quotes Peskov.', "RIA Novosti"),
        # the page's own address in its frame; a press service's is not the publisher
        ("https://sputniknews.com/20220915/putin-xi-meet.html\n\nThe presidents met.", "Sputnik"),
        ("https://www.akorda.kz/en/events/12345\n\nThe presidents met.", None),
        ("The presidents met.\n\nWith inputs from PTI", "PTI"),
        ("The presidents met.\n\nFollow us on Telegram @kabar_news", "Kabar"),
    ],
)  # fmt: skip
def test_the_outlet_an_author_or_a_sign_off_names(text: str, source: str | None) -> None:
    assert read_bytes("a.txt", f"Leaders meet in Astana\n\n{text}".encode()).source == source


@pytest.mark.parametrize(
    "head",
    [
        "Text size: A A A\n\nTokayev meets Putin in Astana",
        "Tokayev meets Putin in Astana\n\nListen to this article",
        "Tokayev meets Putin in Astana\n\n(Updated)",
        # a date after a bar ends the site's title line, not the headline
        "Tokayev meets Putin in Astana | 03.07.2024",
    ],
)
def test_players_size_switches_and_a_dated_title_suffix_are_frame(head: str) -> None:
    text = f"{head}\n\nASTANA, July 3 (Xinhua) -- President Tokayev met President Putin."
    document = read_bytes("h.txt", text.encode())
    assert (document.title, document.subtitle) == ("Tokayev meets Putin in Astana", None)


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        (
            "Armenian Prime Minister Nikol Pashinyan on Wednesday received a delegation led by"
            " Iranian Foreign Minister Hossein Amir-Abdollahian, the PM’s office informs",
            True,
        ),
        (
            "President Tokayev held talks with the visiting Chinese leader today,"
            " Kazinform reports",
            True,
        ),
        # a headline may end with whom it cites, and a short one is a headline
        ("Tokayev to visit Moscow next month for talks with Putin, Kremlin says", False),
        ("Tokayev meets Putin, Kazinform reports", False),
    ],
)
def test_a_long_line_ending_with_its_attribution_is_a_lead(line: str, lead: bool) -> None:
    document = read_bytes("l.txt", f"Show news feed\n\n{line}\n\nThe talks went well.".encode())
    assert (line in document.text) is lead


@pytest.mark.parametrize("line", ["12.03.2024 14:05", "12.03.2024", "14:05 12.03.2024"])
def test_a_date_printed_above_the_title_dates_the_page(line: str) -> None:
    text = (
        f"{line}\n\nTokayev meets Putin\n\n"
        "ASTANA – President Tokayev met President Putin in Astana on Monday."
    )
    document = read_bytes("d.txt", text.encode())
    # day.month.year, as 001's byline date is read
    assert (document.published, document.title) == (date(2024, 3, 12), "Tokayev meets Putin")


@pytest.mark.parametrize(
    "line",
    [
        "Mo Tu We Th Fr Sa Su",  # a calendar widget's weekday row
        "  • Added widget FAQs Detail>>>",  # a menu item that links on
        "Details added (first version posted on 14:51)",  # an update note
    ],
)
def test_widgets_links_and_update_notes_are_frame(line: str) -> None:
    title = "President of Uzbekistan received Chinese government delegation"
    # frame wherever it stands: above the title and inside the body
    document = read_bytes("widget.txt", f"{line}\n{title}\n\n{BODY}\n\n{line}\n\n{BODY}".encode())
    assert document.title == title
    assert line.strip() not in document.text


def test_a_date_line_with_the_sites_section_dates_the_page() -> None:
    # "2017-09-09 | Politics": the date, then the section the site files the story under
    lines = ["Frame line one", "Frame line two", "Mo Tu We Th Fr Sa Su", "New on the portal"]
    title = "President of Uzbekistan received Chinese government delegation"
    page = "\n".join([*lines, "", title, "", "2017-09-09 | Politics", "", BODY])
    assert read_bytes("section.txt", page.encode()).published == date(2017, 9, 9)


def test_the_outlet_opening_the_lead_before_a_dash_is_the_source() -> None:
    # "PanARMENIAN.Net - President …": the site signs its own lead as a wire does
    page = (
        "Official: Azeri President, acting Armenian PM converse in Russia\n"
        "December 7, 2018 - 16:44 AMT\n"
        "PanARMENIAN.Net - President Ilham Aliyev has had a conversation with Nikol Pashinyan."
    )
    document = read_bytes("lead.txt", page.encode())
    assert document.source == "PanARMENIAN.Net"
    assert document.published == date(2018, 12, 7)
