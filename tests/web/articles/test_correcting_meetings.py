"""Correcting a meeting from the reading page: its date, its place and who took part.

The transcript (004) reports two meetings: Smailov and Mishustin in Almaty on
1 February 2024, and an undated one of Tokayev and Putin, its date "from the
sentence" and no place.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.conftest import login
from tests.web.articles.review_calls import log_out
from tests.web.articles.review_calls import person_id
from tests.web.articles.review_calls import post
from tests.web.articles.review_calls import revisions
from tests.web.articles.review_calls import undo
from webapp.admin.base import STALE_MESSAGE
from webapp.auth import CSRF_FAILED
from webapp.db import db
from webapp.models import Action
from webapp.models import Meeting
from webapp.models import ReviewStatus


def correct(client, token, meeting: int, held_on="", place="", people=(), version: int = 1):
    data = {"held_on": held_on, "place": place, "participant_id": list(people)}
    data["version_id"] = version
    return post(client, token, f"/admin/reading/meetings/{meeting}/correct", data)


def stored(app, meeting: int) -> dict:
    with app.app_context():
        found = db.session.get(Meeting, meeting)
        return {
            "held_on": found.held_on,
            "date_from": found.date_from,
            "place": found.place,
            "place_from": found.place_from,
            "participants": [p.name for p in found.participants],
            "status": found.review_status,
            "version": found.version_id,
        }


@pytest.fixture
def ids(seeded) -> dict[str, int]:
    names = ("Vladimir Putin", "Kassym-Jomart Tokayev", "Alikhan Smailov", "Mikhail Mishustin")
    return {name.split()[-1].lower(): person_id(seeded, name) for name in names}


UNDATED = {
    "held_on": None,
    "date_from": "sentence",
    "place": None,
    "place_from": None,
    "participants": ["Kassym-Jomart Tokayev", "Vladimir Putin"],
    "status": ReviewStatus.UNREVIEWED,
    "version": 1,
}


def test_the_page_gives_each_meeting_its_date_place_and_people(editor, transcript, ids):
    undated = editor["meetings"][str(transcript["undated"])]
    shown = ("label", "held_on", "place", "occasion", "participants", "status", "version")
    assert {key: undated[key] for key in shown} == {
        "label": "undated",
        "held_on": None,
        "place": None,
        "occasion": None,
        "participants": [
            [ids["tokayev"], "Kassym-Jomart Tokayev"],
            [ids["putin"], "Vladimir Putin"],
        ],
        "status": "unreviewed",
        "version": 1,
    }
    assert undated["href"] == f"/admin/meeting/details/?id={transcript['undated']}"
    almaty = editor["meetings"][str(transcript["almaty"])]
    assert (almaty["label"], almaty["held_on"], almaty["place"]) == (
        "2024-02-01, Almaty",
        "2024-02-01",
        "Almaty",
    )


def test_date_place_and_participants_are_corrected_at_once(seeded, client, transcript, editor, ids):
    """Putin is taken out, Smailov put in; the date and the place are the editor's now."""
    undated = transcript["undated"]
    assert stored(seeded, undated) == UNDATED
    response = correct(
        client,
        editor["csrf_token"],
        undated,
        "3 Feb 2024",
        " Astana ",
        [ids["tokayev"], ids["smailov"]],
    )
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == (
        f"Meeting {undated} set to 2024-02-03, Astana, with Alikhan Smailov, Kassym-Jomart Tokayev"
    )
    assert answer["row"] == {
        "id": undated,
        "status": "edited",
        "version": 2,
        "held_on": "2024-02-03",
        "place": "Astana",
        "occasion": None,
        "label": "2024-02-03, Astana",
        "participants": [
            [ids["smailov"], "Alikhan Smailov"],
            [ids["tokayev"], "Kassym-Jomart Tokayev"],
        ],
    }
    assert stored(seeded, undated) == {
        "held_on": date(2024, 2, 3),
        "date_from": None,
        "place": "Astana",
        "place_from": None,
        "participants": ["Alikhan Smailov", "Kassym-Jomart Tokayev"],
        "status": ReviewStatus.EDITED,
        "version": 2,
    }
    (revision,) = revisions(seeded, "meetings", undated)
    assert revision.action == Action.UPDATE and revision.actor == "eddie"
    assert revision.changes == {
        "held_on": [None, "2024-02-03"],
        "date_from": ["sentence", None],
        "place": [None, "Astana"],
        "review_status": ["unreviewed", "edited"],
        "participants": [
            sorted([ids["putin"], ids["tokayev"]]),
            sorted([ids["tokayev"], ids["smailov"]]),
        ],
    }
    assert answer["revision"] == revision.id


@pytest.mark.parametrize("written", ["3 Feb 2024", "February 3, 2024", "03.02.2024", "2024-02-03"])
def test_a_date_in_any_of_the_usual_forms(seeded, client, transcript, editor, ids, written):
    people = [ids["tokayev"], ids["putin"]]
    response = correct(client, editor["csrf_token"], transcript["undated"], written, "", people)
    assert response.status_code == 200
    assert response.get_json()["row"]["held_on"] == "2024-02-03"


@pytest.mark.parametrize(
    "held_on, place, people, message",
    [
        (
            "32 Februar",
            "Astana",
            ["tokayev"],
            "Date: “32 Februar” is not a date. Write it as 3 Feb 2023, February 3, 2023, "
            "03.02.2023 or 2023-02-03.",
        ),
        ("", "A" * 201, ["tokayev"], "Place: at most 200 letters."),
        ("", "", [], "Participants: name at least one person, or reject the meeting."),
        ("", "", ["tokayev", 999999], "Participants: no person numbered 999999."),
        ("", "", ["tokayev", "Putin"], "Participants: “Putin” is not a person's number."),
    ],
)
def test_a_value_that_cannot_be_used_is_refused_naming_its_field(
    seeded, client, transcript, editor, ids, held_on, place, people, message
):
    given = [ids.get(who, who) for who in people]
    response = correct(client, editor["csrf_token"], transcript["undated"], held_on, place, given)
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["error"] == message
    assert answer["row"]["version"] == 1 and answer["row"]["label"] == "undated"
    assert stored(seeded, transcript["undated"]) == UNDATED
    assert revisions(seeded, "meetings", transcript["undated"]) == []


def test_new_participants_alone_make_a_new_version(seeded, client, transcript, editor, ids):
    """Once edited, a change of participants writes no column of the meeting's own; its
    version goes up all the same, so that a page still at the old one is refused."""
    almaty = transcript["almaty"]
    token = editor["csrf_token"]
    both = [ids["smailov"], ids["mishustin"]]
    three = [*both, ids["tokayev"]]
    first = correct(client, token, almaty, "1 February 2024", "Almaty", three)
    assert first.get_json()["row"]["version"] == 2
    assert first.get_json()["row"]["status"] == "edited"
    again = correct(client, token, almaty, "2024-02-01", "Almaty", both, version=2)
    assert again.status_code == 200
    assert again.get_json()["row"]["version"] == 3
    assert revisions(seeded, "meetings", almaty)[-1].changes == {
        "participants": [sorted(three), sorted(both)]
    }
    stale = correct(client, token, almaty, "2024-02-01", "Almaty", three, version=2)
    assert stale.status_code == 409 and stale.get_json()["error"] == STALE_MESSAGE
    assert [name for _id, name in stale.get_json()["row"]["participants"]] == [
        "Alikhan Smailov",
        "Mikhail Mishustin",
    ]
    assert stored(seeded, almaty)["version"] == 3


def test_the_same_values_again_change_nothing(seeded, client, transcript, editor, ids):
    people = [ids["tokayev"], ids["putin"]]
    response = correct(client, editor["csrf_token"], transcript["undated"], "", "", people)
    assert response.status_code == 200
    assert response.get_json()["revision"] is None
    assert response.get_json()["message"].startswith("Nothing to change: meeting")
    assert stored(seeded, transcript["undated"]) == UNDATED


def test_a_meeting_changed_since_is_refused(seeded, client, transcript, editor, ids):
    with seeded.app_context():
        db.session.get(Meeting, transcript["undated"]).place = "Minsk"
        db.session.commit()
    people = [ids["tokayev"], ids["putin"]]
    response = correct(client, editor["csrf_token"], transcript["undated"], "", "Astana", people)
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["error"] == STALE_MESSAGE
    assert (answer["row"]["place"], answer["row"]["version"]) == ("Minsk", 2)
    assert stored(seeded, transcript["undated"])["place"] == "Minsk"


def test_correcting_a_meeting_needs_a_token_and_an_editor(seeded, client, transcript, ids):
    people = [ids["tokayev"]]
    assert correct(client, "x", transcript["undated"], "", "Astana", people).status_code == 401
    login(client, "vera")
    page = client.get(f"/admin/article/read/{transcript['article']}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]* value="([^"]+)"', page).group(1)
    viewer = correct(client, token, transcript["undated"], "", "Astana", people)
    assert viewer.status_code == 403
    log_out(client)
    login(client, "eddie")
    for token in (None, "forged"):
        refused = correct(client, token, transcript["undated"], "", "Astana", people)
        assert refused.status_code == 400 and refused.get_json()["error"] == CSRF_FAILED
    assert correct(client, token, 999999, "", "Astana", people).status_code == 404
    assert stored(seeded, transcript["undated"]) == UNDATED


def test_undo_puts_the_meeting_back_and_the_history_says_what_changed(
    seeded, client, transcript, editor, ids
):
    undated = transcript["undated"]
    changed = correct(
        client,
        editor["csrf_token"],
        undated,
        "3 Feb 2024",
        "Astana",
        [ids["tokayev"], ids["smailov"]],
    ).get_json()
    details = client.get(f"/admin/history/details/?id={changed['revision']}").text
    for line in (
        "<td>date</td><td>—</td><td>2024-02-03</td>",
        "<td>date came from</td><td>sentence</td><td>—</td>",
        "<td>place</td><td>—</td><td>Astana</td>",
        "<td>status</td><td>unreviewed</td><td>edited</td>",
    ):
        assert line in details
    assert re.search(
        r"<td>participants</td><td>(Vladimir Putin, Kassym-Jomart Tokayev|Kassym-Jomart Tokayev, "
        r"Vladimir Putin)</td><td>(Alikhan Smailov, Kassym-Jomart Tokayev|Kassym-Jomart Tokayev, "
        r"Alikhan Smailov)</td>",
        details,
    )
    response = undo(client, changed["csrf_token"], changed["revision"])
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == f"Undone: meeting {undated} is back as it was."
    assert answer["row"]["label"] == "undated"
    assert stored(seeded, undated) == UNDATED | {"version": 3}
    *_, revert = revisions(seeded, "meetings", undated)
    assert revert.action == Action.REVERT and revert.reverts_id == changed["revision"]


def test_a_place_with_markup_is_shown_as_text(seeded, client, transcript, editor, ids):
    place = '<img src=x onerror="alert(1)">'
    people = [ids["tokayev"], ids["putin"]]
    response = correct(client, editor["csrf_token"], transcript["undated"], "", place, people)
    assert response.status_code == 200
    assert response.get_json()["row"]["place"] == place
    page = client.get(f"/admin/article/read/{transcript['article']}").text
    assert place not in page
    assert "undated, &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page  # the side list
    assert "\\u003cimg src=x" in page  # the panel's data, as JSON that no tag can end


def test_the_occasion_is_corrected_with_the_date_and_place(seeded, client, transcript, editor, ids):
    undated = transcript["undated"]
    people = [ids["tokayev"], ids["putin"]]
    token = editor["csrf_token"]
    data = {"held_on": "", "place": "", "occasion": " a telephone call ", "version_id": 1}
    response = client.post(
        f"/admin/reading/meetings/{undated}/correct",
        data={**data, "participant_id": people, "csrf_token": token},
    )
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["message"] == (
        f"Meeting {undated} set to undated, no place, for “a telephone call”, "
        "with Kassym-Jomart Tokayev, Vladimir Putin"
    )
    assert (answer["row"]["occasion"], answer["row"]["status"]) == ("a telephone call", "edited")
    (revision,) = revisions(seeded, "meetings", undated)
    assert revision.changes == {
        "occasion": [None, "a telephone call"],
        "review_status": ["unreviewed", "edited"],
    }
    details = client.get(f"/admin/history/details/?id={revision.id}").text
    assert "<td>occasion</td><td>—</td><td>a telephone call</td>" in details
    # a form without the field (a page loaded before it was offered) leaves it as it is
    again = correct(client, answer["csrf_token"], undated, "", "Astana", people, version=2)
    assert again.get_json()["row"]["occasion"] == "a telephone call"
    undone = undo(client, again.get_json()["csrf_token"], again.get_json()["revision"])
    assert undone.get_json()["row"]["place"] is None
    with seeded.app_context():
        assert db.session.get(Meeting, undated).occasion == "a telephone call"


def test_an_occasion_too_long_is_refused_naming_its_field(seeded, client, transcript, editor, ids):
    data = {"occasion": "O" * 501, "version_id": 1, "participant_id": [ids["tokayev"]]}
    response = client.post(
        f"/admin/reading/meetings/{transcript['undated']}/correct",
        data={**data, "csrf_token": editor["csrf_token"]},
    )
    assert response.status_code == 400
    assert response.get_json()["error"] == "Occasion: at most 500 letters."
    assert stored(seeded, transcript["undated"]) == UNDATED
