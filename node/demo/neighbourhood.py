"""Demo content for the guide, the news and questions to the contact person."""

from __future__ import annotations

from datetime import timedelta

from node.community.accounts.members import Member, RegistrationMode
from node.community.directory.service import EntryDraft
from node.community.neighbourhood import Neighbourhood

# (author, title, body, urgent, days until it ends or None)
NEWS: dict[str, list[tuple[str, str, str, bool, int | None]]] = {
    "gemeente": [
        (
            "contact",
            "Wijkbudget 2026: dien uw plan in vóór 1 mei",
            "Elke wijk en kern van Beekveld krijgt dit jaar weer een **wijkbudget**. Heeft u "
            "een plan voor uw straat of dorp? Bespreek het met uw buurtverbinder en zet het "
            "als initiatief op de site van uw wijk.\n\nVragen? Bel het aanspreekpunt.",
            False,
            None,
        ),
        (
            "contact",
            "Spreekuur gebiedsregisseur in de bibliotheek",
            "Elke eerste dinsdag van de maand zit Marieke Jansen van 10.00 tot 12.00 uur in "
            "de bibliotheek aan de Markt. U kunt zonder afspraak binnenlopen.",
            False,
            None,
        ),
    ],
    "noord": [
        (
            "contact",
            "Waterleiding gesprongen in de Beekstraat: kook water voor gebruik",
            "Door een gesprongen waterleiding kan het kraanwater in de **Beekstraat, "
            "Molenweg en het Wilhelminaplein** verontreinigd zijn.\n\n"
            "- Kook water minstens 1 minuut voordat u het drinkt of er eten mee maakt.\n"
            "- Tandenpoetsen ook met gekookt of flessenwater.\n"
            "- Douchen en wassen kan gewoon.\n\n"
            "Het waterbedrijf meldt hier wanneer het water weer veilig is. Heeft u een buur "
            "die slecht ter been is? Breng een fles water langs.",
            True,
            4,
        ),
        (
            "verbinder",
            "Nieuwe bankjes in park De Horst",
            "Na het initiatief van de bewoners van de Parklaan staan er nu vier nieuwe "
            "bankjes bij de vijver. Dank aan iedereen die heeft meegeholpen!",
            False,
            None,
        ),
    ],
    "oosterbroek": [
        (
            "verbinder",
            "Dorpshuis De Kruisweg: nieuwe openingstijden",
            "Vanaf 1 april is De Kruisweg open van maandag tot en met zaterdag, 9.00 tot "
            "22.00 uur. Op zondag alleen bij activiteiten.",
            False,
            None,
        ),
        (
            "contact",
            "Hoog water in de Linge: uiterwaarden afgesloten",
            "Door het hoge water zijn de uiterwaarden en het wandelpad langs de Linge tot "
            "het weekend afgesloten. Houd honden aan de lijn bij de dijk.",
            False,
            5,
        ),
    ],
    "lindewijk": [
        (
            "verbinder",
            "Fruitpluk voor de voedselbank",
            "Zaterdag plukken we appels in de boomgaard van de familie Kramer voor de "
            "voedselbank. Verzamelen om 9.30 uur bij De Lindeboom. Neem een emmer mee!",
            False,
            10,
        ),
    ],
}

# (username, kind, title, description, contact {field: value}, visibility)
GUIDE: dict[str, list[tuple[str, str, str, str, dict[str, str], str]]] = {
    "gemeente": [
        (
            "verbinder",
            "service",
            "Gemeentehuis Beekveld – balie Burgerzaken",
            "Paspoort, rijbewijs, verhuizing doorgeven. Alleen op afspraak.",
            {"phone": "14 0345", "website": "www.beekveld.nl", "address": "Markt 1"},
            "public",
        ),
        (
            "verbinder",
            "organisation",
            "Sociaal Wijkteam Beekveld",
            "Hulp bij zorg, geldzaken en opvoeden. Gratis en vertrouwelijk.",
            {"phone": "0345 200 300"},
            "public",
        ),
        (
            "bewoner",
            "skill_offer",
            "Ik help met formulieren van de gemeente",
            "Toeslagen, kwijtschelding, een aanvraag voor de Wmo: samen komen we er wel uit.",
            {},
            "public",
        ),
    ],
    "noord": [
        (
            "verbinder",
            "service",
            "Huisartsenpraktijk Wilhelminaplein",
            "Spreekuur op werkdagen van 8.00 tot 17.00 uur. Bij spoed buiten die tijden: "
            "de huisartsenpost.",
            {"phone": "0345 612 000", "address": "Wilhelminaplein 4"},
            "public",
        ),
        (
            "verbinder",
            "service",
            "Repair Café Noord",
            "Elke tweede zaterdag van de maand in buurthuis De Horst: we repareren samen "
            "fietsen, kleding, lampen en kleine apparaten.",
            {"address": "Parklaan 20 (buurthuis De Horst)"},
            "public",
        ),
        (
            "verbinder",
            "organisation",
            "Speeltuinvereniging De Horst",
            "Beheert de speeltuin in het park en zoekt altijd vrijwilligers.",
            {"email": "speeltuin@dehorst.example"},
            "public",
        ),
        (
            "kees",
            "skill_offer",
            "Ik repareer fietsen",
            "Lekke band, remmen afstellen, een nieuwe ketting. Gratis voor buren, u betaalt "
            "alleen de onderdelen.",
            {"phone": "06 4455 6677"},
            "public",
        ),
        (
            "bewoner",
            "skill_offer",
            "Ik oefen Nederlands met nieuwe buren",
            "Samen praten over gewone dingen, een uur per week, bij mij thuis of in de "
            "bibliotheek.",
            {},
            "members",
        ),
        (
            "lotte",
            "skill_request",
            "Wie kan mij helpen met mijn moestuin?",
            "Ik heb een stukje grond bij de volkstuinen maar weet niet waar te beginnen.",
            {},
            "members",
        ),
    ],
    "oosterbroek": [
        (
            "verbinder",
            "service",
            "Dorpshuis De Kruisweg",
            "Hart van het dorp: koffie, biljart, de bibliotheek-uitleenpost en zalen te huur.",
            {"phone": "0345 640 100", "address": "Kruisweg 2"},
            "public",
        ),
        (
            "verbinder",
            "organisation",
            "Oranjevereniging Oosterbroek",
            "Organiseert Koningsdag, de dorpsbarbecue en de intocht van Sinterklaas.",
            {"website": "oranje-oosterbroek.example"},
            "public",
        ),
        (
            "henk",
            "skill_offer",
            "Ik doe kleine klussen in huis",
            "Een lamp ophangen, een kraan vervangen, een kastje in elkaar zetten.",
            {"phone": "06 1122 3344"},
            "public",
        ),
        (
            "bewoner",
            "skill_request",
            "Wie kan mij rijden naar het ziekenhuis?",
            "Ik moet drie keer naar het ziekenhuis in de stad voor controle, steeds op "
            "dinsdagochtend.",
            {},
            "members",
        ),
    ],
    "lindewijk": [
        (
            "verbinder",
            "service",
            "Buurtwinkel De Lindeboom",
            "Brood, zuivel en fruit uit het dorp; ook pakketpunt. Gerund door vrijwilligers.",
            {"address": "Dorpsstraat 15"},
            "public",
        ),
        (
            "beheer",
            "organisation",
            "Vereniging Dorpsbelang Lindewijk",
            "Komt op voor de belangen van het dorp bij de gemeente. Lid worden kost € 10 per jaar.",
            {"email": "info@dorpsbelang-lindewijk.example"},
            "public",
        ),
        (
            "anouk",
            "skill_offer",
            "Ik pas op uw huisdieren",
            "Katten voeren, de hond uitlaten als u op vakantie bent.",
            {"phone": "06 9988 7766"},
            "public",
        ),
        (
            "bewoner",
            "skill_request",
            "Wie kan mijn laptop weer snel maken?",
            "Hij doet er minuten over om op te starten.",
            {},
            "public",
        ),
    ],
}

# (asker, subject, question, answer or None)
QUESTIONS: dict[str, list[tuple[str, str, str, str | None]]] = {
    "noord": [
        (
            "bewoner",
            "Lantaarnpaal kapot bij de Molenweg",
            "De lantaarnpaal tegenover nummer 12 doet het al twee weken niet. Het is daar "
            "'s avonds erg donker.",
            "Dank voor uw melding. Ik heb het doorgegeven aan de buitendienst; de lamp wordt "
            "deze week vervangen.",
        ),
        (
            "kees",
            "Mag ik een container voor de deur zetten?",
            "We gaan verbouwen. Heb ik een vergunning nodig voor een container op straat?",
            None,
        ),
    ],
    "oosterbroek": [
        (
            "henk",
            "Bushalte Kruisweg",
            "Komt de bushalte bij De Kruisweg terug na de werkzaamheden?",
            None,
        ),
    ],
}


async def seed(hood: Neighbourhood, spec: object, people: dict[str, Member]) -> None:
    slug = str(getattr(spec, "slug", ""))
    now = hood.clock()
    for username, kind, title, description, contact, visibility in GUIDE.get(slug, []):
        await hood.directory.add(
            people[username],
            EntryDraft(
                kind=kind,
                title=title,
                description=description,
                visibility=visibility,
                **contact,
            ),
        )
    for author, title, body, urgent, days in NEWS.get(slug, []):
        await hood.announcements.post(
            people[author],
            title=title,
            body=body,
            urgent=urgent,
            expires_at=None if days is None else now + timedelta(days=days),
        )
    for asker, subject, body, answer in QUESTIONS.get(slug, []):
        question = await hood.questions.ask(people[asker], subject=subject, body=body)
        if answer:
            await hood.questions.answer(people["contact"], question.id, answer)
    if slug == "noord":  # a sign-up that waits: the buurtverbinder's notifications show it
        await hood.members.register(
            RegistrationMode.APPROVAL, "wim", "Wim de Graaf", "wacht-op-goedkeuring-2026"
        )
