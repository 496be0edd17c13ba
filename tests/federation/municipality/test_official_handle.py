"""The gemeente's official response, as a Mastodon app on the wijk node shows it: under the
gemeente's handle (gemeentebeekveld@host), not `actor@host` from the last part of its id."""

from __future__ import annotations

from node.web.mastodon.api import Site
from node.web.mastodon.entities import status
from tests.federation.conftest import Network
from tests.federation.helpers import follow, member, start_initiative


async def test_the_gemeente_s_response_shows_its_handle_in_the_app_api(network: Network) -> None:
    """Given the gemeente follows Noord and responds to an initiative, when an app on Noord
    reads that response as a status, then its account is the gemeente's handle."""
    noord, gemeente = network["noord"], network["gemeente"]
    initiative_id = await start_initiative(noord, await member(noord, "anna"))
    await network.settle()
    await follow(network, "gemeente", "noord")
    contact = await member(gemeente, "contact", "contact")
    [item] = await gemeente.fed.hood.nearby.latest()
    await gemeente.fed.hood.dashboard.respond(contact, item.id, "We bellen u.", pledge=False)
    await network.settle()
    hood, settings = noord.fed.hood, noord.settings
    items = await hood.timeline.page(await member(noord, "kees"), "public", limit=40)
    [response] = [i for i in items if i.comment is not None and i.comment.remote_actor_uri]
    assert response.comment.subject_id == initiative_id
    site = Site(settings.url, settings.host, settings.handle, settings.name, settings.kind)
    account = status(site, response)["account"]
    assert account["acct"] == gemeente.handle  # name@host
    assert account["username"] == gemeente.settings.handle
