"""The Parley schema, one module per domain."""

from webapp.models.articles import Article
from webapp.models.articles import Source
from webapp.models.audit import Revision
from webapp.models.common import PROTECTED
from webapp.models.common import Action
from webapp.models.common import How
from webapp.models.common import ReviewStatus
from webapp.models.common import Role
from webapp.models.common import StatementKind
from webapp.models.meetings import Meeting
from webapp.models.meetings import MeetingReport
from webapp.models.meetings import meeting_participants
from webapp.models.people import Mention
from webapp.models.people import Person
from webapp.models.people import PersonAlias
from webapp.models.people import Position
from webapp.models.statements import Statement
from webapp.models.users import User

__all__ = [
    "PROTECTED",
    "Action",
    "Article",
    "How",
    "Meeting",
    "MeetingReport",
    "Mention",
    "Person",
    "PersonAlias",
    "Position",
    "ReviewStatus",
    "Revision",
    "Role",
    "Source",
    "Statement",
    "StatementKind",
    "User",
    "meeting_participants",
]
