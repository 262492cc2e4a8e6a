"""How sure the extractor is of a record, by the evidence behind it: the one table.

The review queue shows the least confident rows first, so these numbers
decide what an editor sees first. Each value is named for the evidence it
stands for; the stages use the names, never a number. Values compare across
kinds: a statement's confidence is never above the confidence of the
mention that names its speaker, and ``TABLE`` lists every value for
``docs/architecture.md`` and for the tests that keep the order below.
"""

from __future__ import annotations

from webapp.vocabulary import How

# -- mentions: how a person was named ------------------------------------------------

#: the canonical name, as the dictionary spells it
NAME = 1.0
#: a listed alias: another spelling, a name and patronymic
ALIAS = 0.95
#: a surname alone, and the article names only one person with it in full
SURNAME_UNIQUE = 0.9
#: a role noun with its country: "the Russian Prime Minister", on the article's date
ROLE = 0.85
#: a transliteration variant matched by similarity ("Tokaev")
FUZZY = 0.8
#: a surname spelled one letter apart from one the article gives in full ("Scholtz", "Surour")
SURNAME_MISSPELT = 0.65
#: "he" or "she" bound to the person the sentence is about
PRONOUN = 0.8
#: a surname two people in the article share, or found only in the dictionary
SURNAME_SHARED = 0.7
#: a bare role ("the President") or "his Kazakh counterpart": the holder is inferred
ROLE_INFERRED = 0.6
#: a titled name that is not in the dictionary ("Deputy Energy Minister Nurlan Bekov")
NEW = 0.5

#: a name found as such, by how it was found
NAME_FOUND = {How.NAME: NAME, How.ALIAS: ALIAS, How.FUZZY: FUZZY, How.NEW: NEW}

# -- speakers: who a cue verb attaches to ---------------------------------------------

#: the subject of the sentence, for a cue coordinated with another ("… and added")
SPEAKER_SUBJECT = 0.7

# -- statements --------------------------------------------------------------------

#: a transcript turn: "Name: …" at the start of a paragraph
TRANSCRIPT = 0.95
#: a quote with its own cue takes its speaker's confidence, at most this
DIRECT_CUED = 0.95
#: a quote without a cue of its own, said by the sentence's speaker
DIRECT_SENTENCE_SPEAKER = 0.7
#: a quote at a paragraph's start that continues the last speaker's words
DIRECT_CONTINUED = 0.6
#: what a quote's confidence is multiplied by when its opening mark is missing
MISSING_MARK = 0.8
#: reported speech after a cue verb with its own speaker: "X said that …"
INDIRECT_CUED = 0.75
#: reported speech after a participle ("…, adding that …"): the sentence's speaker
INDIRECT_PARTICIPLE = 0.6
#: at most this for a quote inside another statement: the words are recorded already
NESTED_QUOTE = 0.4
#: at most this for a direct quote of one to three words: a word the writer marks
SCARE_QUOTE = 0.3

# -- meetings ----------------------------------------------------------------------

#: a meeting verb with its people: "met with", "received", "held talks"
MEETING_VERB = 0.9
#: "talks" or "negotiations" named with the people taking part
MEETING_TALKS = 0.7
#: a speaker's first-person "I had negotiations with …" inside a quote or turn
MEETING_FIRST_PERSON = 0.7
#: "the visit of X to Moscow": X and the host country's holder of X's office
MEETING_VISIT = 0.6
#: a transcript with two named speakers and no other evidence of a meeting
MEETING_TRANSCRIPT = 0.6
#: "on the sidelines of …" with one person: only the occasion, never a meeting alone
OCCASION_ONLY = 0.5

TABLE: dict[str, float] = {
    name: value for name, value in globals().items() if name.isupper() and isinstance(value, float)
}
