"""Places: community centres, libraries, meeting points; kept by buurtverbinders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.text import markdown_to_html
from node.storage import Database, Row
from node.storage.calendar import places as store

SUBJECT = "place"
POSTAL_CODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})$")


class PlaceKind(StrEnum):
    COMMUNITY_CENTRE = "community_centre"  # buurthuis, dorpshuis
    LIBRARY = "library"
    MEETING_POINT = "meeting_point"
    SPORTS = "sports"
    OTHER = "other"


@dataclass(frozen=True)
class Place:
    id: int
    kind: PlaceKind
    name: str
    street_address: str
    postal_code: str
    locality: str
    latitude: float | None
    longitude: float | None
    opening_hours: str
    accessibility: str
    description: str
    created_at: str
    updated_at: str

    @property
    def address(self) -> str:
        """One line, as a letter or a map app wants it: "Beekstraat 12, 1234 AB Beekveld"."""
        town = " ".join(part for part in (self.postal_code, self.locality) if part)
        return ", ".join(part for part in (self.street_address, town) if part)

    @property
    def description_html(self) -> str:
        return markdown_to_html(self.description)

    @classmethod
    def from_row(cls, row: Row, prefix: str = "") -> Place:
        def get(name: str) -> Any:
            return row[prefix + name]

        return cls(
            id=get("id") if not prefix else row["place_id"],
            kind=PlaceKind(get("kind")),
            name=get("name"),
            street_address=get("street_address"),
            postal_code=get("postal_code"),
            locality=get("locality"),
            latitude=get("latitude"),
            longitude=get("longitude"),
            opening_hours=get("opening_hours"),
            accessibility=get("accessibility"),
            description=get("description"),
            created_at=get("created_at"),
            updated_at=get("updated_at"),
        )


KIND = Field("place.kind", N_("What kind of place is it?"), 40, required=True)
NAME = Field(
    "place.name", N_("Name"), 120, required=True, missing=N_("Fill in the name of the place.")
)
STREET = Field("place.street_address", N_("Street and number"), 200)
POSTAL = Field("place.postal_code", N_("Postal code"), 10)
LOCALITY = Field("place.locality", N_("Town or village"), 100)
LATITUDE = Field("place.latitude", N_("Latitude"), 20)
LONGITUDE = Field("place.longitude", N_("Longitude"), 20)
OPENING_HOURS = Field("place.opening_hours", N_("Opening hours"), 1000)
ACCESSIBILITY = Field("place.accessibility", N_("Accessibility"), 1000)
DESCRIPTION = Field("place.description", N_("Description"), 5000)
TEXTS = (NAME, STREET, POSTAL, LOCALITY, LATITUDE, LONGITUDE, OPENING_HOURS, ACCESSIBILITY,
         DESCRIPTION)  # fmt: skip


@dataclass(frozen=True)
class PlaceDraft:
    """What someone typed in the place form, as text; `checked()` turns it into values."""

    kind: str = PlaceKind.COMMUNITY_CENTRE.value
    name: str = ""
    street_address: str = ""
    postal_code: str = ""
    locality: str = ""
    latitude: str = ""
    longitude: str = ""
    opening_hours: str = ""
    accessibility: str = ""
    description: str = ""

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(cls.__dataclass_fields__)

    @classmethod
    def from_place(cls, place: Place) -> PlaceDraft:
        values = {name: getattr(place, name) for name in cls.fields()}
        for name in ("latitude", "longitude"):
            values[name] = "" if values[name] is None else str(values[name])
        values["kind"] = place.kind.value
        return cls(**values)

    def checked(self) -> dict[str, Any]:
        problems = Problems()
        try:
            kind = PlaceKind(self.kind)
        except ValueError:
            problems.add(KIND, N_("Choose what kind of place this is."))
        values = {spec.name: problems.text(spec, getattr(self, spec.name)) for spec in TEXTS}
        values["name"] = " ".join(values["name"].split())
        postal_code = values["postal_code"]
        if postal_code and not problems.about("postal_code"):
            if match := POSTAL_CODE.match(postal_code):
                postal_code = f"{match[1]} {match[2].upper()}"
            else:
                problems.add(
                    POSTAL,
                    N_("Write the postal code as four digits and two letters: 1234 AB."),
                )
        latitude = problems.attempt(LATITUDE, lambda: _coordinate(values["latitude"], 90))
        longitude = problems.attempt(LONGITUDE, lambda: _coordinate(values["longitude"], 180))
        coordinates_read = not problems.about("latitude") and not problems.about("longitude")
        if coordinates_read and (latitude is None) != (longitude is None):
            problems.add(LATITUDE, N_("Fill in both latitude and longitude, or neither."))
        problems.check()
        values.update(
            kind=kind.value, postal_code=postal_code, latitude=latitude, longitude=longitude
        )
        return values


def _coordinate(text: str, limit: int) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not -limit <= value <= limit:
        raise Invalid(
            N_("A coordinate is a number between -%(limit)s and %(limit)s, like 51.9851."),
            limit=limit,
        )
    return round(value, 6)


class Places:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def all(self) -> list[Place]:
        return [Place.from_row(row) for row in await store.all_places(self.db)]

    async def get(self, place_id: int) -> Place:
        row = await store.place_by_id(self.db, place_id)
        if row is None:
            raise NotFound(N_("This place is not known here."))
        return Place.from_row(row)

    async def create(self, by: Member, draft: PlaceDraft) -> Place:
        _check_may_manage(by)
        values = draft.checked()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            place_id = await store.insert_place(tx, values, by.id, now)
            await record(tx, SUBJECT, place_id, ChangeKind.CREATED, by.id, now)
        return await self.get(place_id)

    async def update(self, by: Member, place_id: int, draft: PlaceDraft) -> Place:
        _check_may_manage(by)
        values = draft.checked()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if not await store.update_place(tx, place_id, values, now):
                raise NotFound(N_("This place is not known here."))
            await record(tx, SUBJECT, place_id, ChangeKind.UPDATED, by.id, now)
        return await self.get(place_id)


def _check_may_manage(by: Member) -> None:
    if not by.can(Action.MANAGE_PLACES):
        raise NotAllowed(N_("Only a buurtverbinder or admin can add or change places."))
