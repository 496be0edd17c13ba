"""The whole domain of one node, built once at start-up and handed to the outer layers."""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.addresses import Addresses
from node.community.accounts.care import AccountCare
from node.community.accounts.digest import Digests
from node.community.accounts.follows import Follows
from node.community.accounts.mailbox import Mailbox
from node.community.accounts.members import Members
from node.community.accounts.notifications import Notifications
from node.community.accounts.oauth import OAuth
from node.community.accounts.privacy import Privacy
from node.community.accounts.resets import PasswordResets
from node.community.accounts.sessions import Sessions
from node.community.accounts.settings import NodeSettingsService
from node.community.announcements.service import Announcements
from node.community.budget.service import Budget
from node.community.calendar.activities import Calendar
from node.community.calendar.places import Places
from node.community.clock import Clock
from node.community.directory.service import Directory
from node.community.initiatives.service import Initiatives
from node.community.moderation.service import Moderation
from node.community.municipality.contacts import ContactPersons
from node.community.municipality.dashboard import Dashboard
from node.community.municipality.inbound import InboundQuestions
from node.community.municipality.questions import Questions
from node.community.municipality.queue import WorkQueue
from node.community.municipality.response_times import ResponseTimes
from node.community.network.nearby import Nearby
from node.community.network.port import FederationPort
from node.community.overview import Overview
from node.community.participation.service import Processes
from node.community.posts.service import Posts
from node.community.posts.timeline import Timeline
from node.community.reactions.comments import Comments
from node.community.reactions.shares import Shares
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
        self.contacts = ContactPersons(db, clock, self.members)  # assigned by the gemeente
        self.questions = Questions(db, clock, self.contacts)
        self.inbound = InboundQuestions(db, clock)  # on the gemeente, from followed nodes
        self.work = WorkQueue(db, clock, self.members)  # the contact person's work queue
        self.response_times = ResponseTimes(db, clock, identity.kind)
        self.moderation = Moderation(db, clock)
        self.privacy = Privacy(db, clock, self.members)
        self.sessions = Sessions(db, clock, self.members)  # logins, kept on the server
        self.mailbox = Mailbox(db, clock)  # e-mail waiting to be sent (node/mail/ sends it)
        self.resets = PasswordResets(db, clock, self.members, self.mailbox)  # new passwords
        self.care = AccountCare(db, clock, self.members, self.privacy, self.resets)  # beheer
        self.processes = Processes(db, clock, identity)  # participatietrajecten
        self.budget = Budget(db, clock)  # wijkbudget and wijkboekhouding; app.py adds the key
        self.nearby = Nearby(db, clock)  # content of followed nodes
        self.dashboard = Dashboard(db, clock, identity.kind, self.nearby)  # the gemeente's view
        self.overview = Overview(db, clock)  # what is happening now, for the home page
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
        self.addresses = Addresses(db, clock, self.mailbox)  # node/app.py gives the secret
        self.digests = Digests(
            db,
            clock,
            addresses=self.addresses,
            mailbox=self.mailbox,
            initiatives=self.initiatives,
            calendar=self.calendar,
            processes=self.processes,
            budget=self.budget,
        )
        self.federation: FederationPort | None = None  # set by node/app.py
