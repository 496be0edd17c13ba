"""The whole domain of one node, built once at start-up and handed to the outer layers."""

from __future__ import annotations

from dataclasses import dataclass

from node.community.announcements import Announcements
from node.community.budgets import Budget
from node.community.calendar import Calendar
from node.community.clock import Clock
from node.community.comments import Comments
from node.community.dashboard import Dashboard
from node.community.directory import Directory
from node.community.federation_port import FederationPort
from node.community.follows import Follows
from node.community.initiatives import Initiatives
from node.community.members import Members
from node.community.moderation import Moderation
from node.community.nearby import Nearby
from node.community.node_settings import NodeSettingsService
from node.community.notifications import Notifications
from node.community.oauth import OAuth
from node.community.places import Places
from node.community.posts import Posts
from node.community.privacy import Privacy
from node.community.processes import Processes
from node.community.questions import Questions
from node.community.shares import Shares
from node.community.timeline import Timeline
from node.storage import Database


@dataclass(frozen=True)
class NodeIdentity:
    name: str
    kind: str  # wijk | kern | gemeente
    url: str


class Neighbourhood:
    def __init__(self, db: Database, clock: Clock, identity: NodeIdentity) -> None:
        self.db = db
        self.clock = clock
        self.identity = identity
        self.members = Members(db, clock)
        self.settings = NodeSettingsService(db)
        self.initiatives = Initiatives(db, clock)
        self.comments = Comments(db, clock)  # on initiatives and activities
        self.places = Places(db, clock)
        self.calendar = Calendar(db, clock)
        self.directory = Directory(db, clock)
        self.announcements = Announcements(db, clock)
        self.questions = Questions(db, clock)
        self.moderation = Moderation(db, clock)
        self.privacy = Privacy(db, clock, self.members)
        self.processes = Processes(db, clock, identity)  # participatietrajecten
        self.budget = Budget(db, clock)  # wijkbudget and wijkboekhouding; app.py adds the key
        self.nearby = Nearby(db, clock)  # content of followed nodes
        self.dashboard = Dashboard(db, clock, identity.kind, self.nearby)  # the gemeente's view
        self.oauth = OAuth(db, clock, self.members)  # Mastodon apps
        self.posts = Posts(db, clock, self.comments)  # buurtberichten (prikbord)
        self.timeline = Timeline(
            db,
            clock,
            members=self.members,
            posts=self.posts,
            initiatives=self.initiatives,
            calendar=self.calendar,
            announcements=self.announcements,
            nearby=self.nearby,
        )
        self.notifications = Notifications(db, clock)
        self.shares = Shares(db, clock)  # boosts of our content from the fediverse
        self.follows = Follows(db, clock, self.members)
        self.federation: FederationPort | None = None  # set by node/app.py
