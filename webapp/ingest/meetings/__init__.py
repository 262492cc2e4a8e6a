"""Stage 4, meetings: who met whom, when, where and on what occasion; statements tied to them."""

from webapp.ingest.meetings.circumstances import same_meeting
from webapp.ingest.meetings.evidence import assign
from webapp.ingest.meetings.evidence import find_meetings
from webapp.ingest.meetings.evidence import main_meeting

__all__ = ["assign", "find_meetings", "main_meeting", "same_meeting"]
