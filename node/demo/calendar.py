"""Demo places and activities for each node of Beekveld, dated relative to today.

Places come first, in this module, so the activities can be held at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from node.community.accounts.members import Member
from node.community.calendar.draft import EventDraft
from node.community.calendar.model import TIMEZONE
from node.community.calendar.places import PlaceDraft
from node.community.neighbourhood import Neighbourhood


@dataclass(frozen=True)
class DemoEvent:
    title: str
    days_ahead: int
    start: str
    end: str
    where: str  # a place's name from PLACES, or a free-text location
    organiser: str
    description: str
    capacity: str = ""
    going: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()
    cancelled: bool = False


PLACES: dict[str, list[PlaceDraft]] = {
    "gemeente": [
        PlaceDraft(
            "other",
            "Stadhuis Beekveld",
            "Raadhuisplein 1",
            "4191 AA",
            "Beekveld",
            "51.8921",
            "5.2874",
            "ma-vr 8.30-17.00, do tot 20.00",
            "Rolstoeltoegankelijk via de zij-ingang; ringleiding in de raadzaal.",
            "Het stadhuis met de raadzaal en de publieksbalie.",
        ),
        PlaceDraft(
            "library",
            "Bibliotheek Beekveld",
            "Markt 3",
            "4191 AC",
            "Beekveld",
            "51.8930",
            "5.2861",
            "di-za 10.00-17.00",
            "Lift naar de eerste verdieping, invalidentoilet.",
            "Boeken, leestafel, computers en het **Digitaal Café**.",
        ),
    ],
    "noord": [
        PlaceDraft(
            "community_centre",
            "Buurthuis De Horst",
            "Beekstraat 12",
            "4192 AB",
            "Beekveld",
            "51.8995",
            "5.2902",
            "ma-vr 9.00-22.00, za 10.00-16.00",
            "Drempelvrij, invalidentoilet, ringleiding in de grote zaal.",
            "Het buurthuis van Noord: koffie, cursussen, het Repair Café en ruimte "
            "voor uw eigen initiatief.",
        ),
        PlaceDraft(
            "meeting_point",
            "Speeltuin Wilhelminaplein",
            "Wilhelminaplein",
            "4192 AD",
            "Beekveld",
            "51.9003",
            "5.2875",
            "Altijd open",
            "Verharde paden.",
            "Speeltuin met bankjes en een picknicktafel.",
        ),
        PlaceDraft(
            "library",
            "Bibliotheekpunt Noord",
            "Beekstraat 14",
            "4192 AB",
            "Beekveld",
            "",
            "",
            "wo 14.00-17.00, za 10.00-12.00",
            "Gelijkvloers.",
            "Kleine uitleenpost naast het buurthuis.",
        ),
    ],
    "oosterbroek": [
        PlaceDraft(
            "community_centre",
            "Dorpshuis De Kruisweg",
            "Dorpsstraat 40",
            "4194 BC",
            "Oosterbroek",
            "51.9102",
            "5.3520",
            "ma-za 9.00-23.00",
            "Rolstoeltoegankelijk, invalidentoilet, ringleiding in de zaal.",
            "Het hart van het dorp: zaal, café en vergaderkamers.",
        ),
        PlaceDraft(
            "sports",
            "Sportpark De Linge",
            "Lingedijk 5",
            "4194 BE",
            "Oosterbroek",
            "51.9087",
            "5.3561",
            "Kantine open bij wedstrijden",
            "Parkeren naast de kantine.",
            "Voetbal, tennis en een jeu-de-boulesbaan.",
        ),
    ],
    "lindewijk": [
        PlaceDraft(
            "community_centre",
            "Dorpshuis De Lindeboom",
            "Kerkweg 2",
            "4196 CD",
            "Lindewijk",
            "51.9221",
            "5.3905",
            "di-za 9.00-22.00",
            "Drempelvrij; de bovenzaal is alleen met de trap te bereiken.",
            "Dorpshuis met zaal, keuken en de koffiehoek van de vrijwilligers.",
        ),
        PlaceDraft(
            "meeting_point",
            "Boomgaard 't Hofje",
            "Hofjeslaan 9",
            "4196 CG",
            "Lindewijk",
            "51.9240",
            "5.3877",
            "Van zonsopgang tot zonsondergang",
            "Graspaden; bij regen slecht begaanbaar met rolstoel.",
            "Gemeenschappelijke boomgaard met oude appel- en perenrassen.",
        ),
    ],
}

EVENTS: dict[str, list[DemoEvent]] = {
    "gemeente": [
        DemoEvent(
            "Inloopspreekuur wijkbudget",
            4,
            "16:00",
            "18:00",
            "Stadhuis Beekveld",
            "contact",
            "Vragen over het wijkbudget of uw plan? Loop binnen bij het aanspreekpunt.",
            going=("bewoner",),
        ),
        DemoEvent(
            "Informatieavond Omgevingsvisie",
            12,
            "19:30",
            "21:30",
            "Stadhuis Beekveld",
            "verbinder",
            "Hoe ziet Beekveld er in 2040 uit? De gemeente vertelt en **luistert**.",
            capacity="80",
            going=("bewoner", "contact"),
        ),
        DemoEvent(
            "Digitaal Café: hulp bij DigiD",
            9,
            "10:00",
            "12:00",
            "Bibliotheek Beekveld",
            "verbinder",
            "Vrijwilligers helpen u met DigiD, e-mail en de computer. "
            "Neem uw telefoon of laptop mee.",
            capacity="12",
            maybe=("bewoner",),
        ),
    ],
    "noord": [
        DemoEvent(
            "Repair Café",
            2,
            "13:30",
            "16:30",
            "Buurthuis De Horst",
            "kees",
            "Kapotte broodrooster, fiets met een slag in het wiel? Samen repareren we "
            "het.\n\n- neem het apparaat mee\n- koffie staat klaar",
            going=("kees", "lotte", "bewoner"),
            maybe=("verbinder",),
        ),
        DemoEvent(
            "Koffieochtend voor nieuwe bewoners",
            6,
            "10:00",
            "11:30",
            "Buurthuis De Horst",
            "verbinder",
            "Nieuw in de wijk? Maak kennis met uw buren en hoor wat er speelt.",
            going=("bewoner",),
        ),
        DemoEvent(
            "Opschoondag park De Horst",
            10,
            "10:00",
            "13:00",
            "Ingang park De Horst, Parklaan",
            "lotte",
            "Grijpers, handschoenen en "
            "vuilniszakken liggen klaar. Na afloop soep in het buurthuis.",
            going=("lotte", "kees"),
        ),
        DemoEvent(
            "Kinderdisco",
            13,
            "18:30",
            "20:00",
            "Buurthuis De Horst",
            "bewoner",
            "Helaas gaat de kinderdisco niet door: de dj is ziek.",
            cancelled=True,
        ),
        DemoEvent(
            "Buurtbarbecue",
            16,
            "17:00",
            "21:00",
            "Speeltuin Wilhelminaplein",
            "bewoner",
            "Neem een salade of een toetje mee; wij zorgen voor het vlees en de groenteburgers.",
            capacity="60",
            going=("bewoner", "kees", "lotte", "verbinder"),
        ),
        DemoEvent(
            "Taalcafé",
            23,
            "19:00",
            "20:30",
            "Bibliotheekpunt Noord",
            "verbinder",
            "Oefen Nederlands in een kleine groep, met koffie.",
            capacity="10",
            going=("bewoner",),
        ),
        DemoEvent(
            "Repair Café",
            -5,
            "13:30",
            "16:30",
            "Buurthuis De Horst",
            "kees",
            "Vorige keer: 23 spullen gerepareerd!",
            going=("kees", "lotte"),
        ),
    ],
    "oosterbroek": [
        DemoEvent(
            "Dorpsmaaltijd",
            5,
            "18:00",
            "20:30",
            "Dorpshuis De Kruisweg",
            "bewoner",
            "Samen eten voor € 7,50. Opgeven vóór woensdag.",
            capacity="40",
            going=("bewoner", "henk", "verbinder"),
        ),
        DemoEvent(
            "Klaverjassen",
            8,
            "20:00",
            "23:00",
            "Dorpshuis De Kruisweg",
            "henk",
            "Iedere tweede vrijdag. Ook beginners zijn welkom.",
            going=("henk",),
        ),
        DemoEvent(
            "Jeu-de-boulestoernooi",
            19,
            "13:00",
            "17:00",
            "Sportpark De Linge",
            "verbinder",
            "Teams van twee; inschrijven aan de baan.",
            maybe=("bewoner", "henk"),
        ),
    ],
    "lindewijk": [
        DemoEvent(
            "Bloesemwandeling",
            7,
            "14:00",
            "16:00",
            "Boomgaard 't Hofje",
            "anouk",
            "Een rustige wandeling langs de boomgaarden, met uitleg over de oude rassen.",
            going=("anouk", "bewoner"),
        ),
        DemoEvent(
            "Spelletjesmiddag",
            11,
            "14:00",
            "17:00",
            "Dorpshuis De Lindeboom",
            "verbinder",
            "Sjoelen, rummikub en koersbal voor jong en oud.",
            going=("verbinder",),
            maybe=("anouk",),
        ),
    ],
}


def _local_date(days_ahead: int) -> str:
    return (datetime.now(TIMEZONE) + timedelta(days=days_ahead)).date().isoformat()


async def seed(hood: Neighbourhood, spec: object, people: dict[str, Member]) -> None:
    slug = str(getattr(spec, "slug", ""))
    keeper = people["verbinder"]
    place_ids = {}
    for draft in PLACES.get(slug, []):
        place = await hood.places.create(keeper, draft)
        place_ids[place.name] = str(place.id)
    for item in EVENTS.get(slug, []):
        at_place = item.where in place_ids
        draft = EventDraft(
            title=item.title,
            description=item.description,
            start_date=_local_date(item.days_ahead),
            start_time=item.start,
            end_time=item.end,
            place_id=place_ids.get(item.where, ""),
            location="" if at_place else item.where,
            capacity=item.capacity,
        )
        organiser = people[item.organiser]
        event = await hood.calendar.plan(organiser, draft)
        if item.days_ahead >= 0:
            for username in item.going:
                await hood.calendar.answer(people[username], event.id, "going")
            for username in item.maybe:
                await hood.calendar.answer(people[username], event.id, "maybe")
        if item.cancelled:
            await hood.calendar.cancel(organiser, event.id)
