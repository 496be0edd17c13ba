"""The demo's sample buurtberichten load: a photo with its alt text, an edit."""

from node.community.neighbourhood import Neighbourhood
from node.demo.people import NODES, PEOPLE
from node.demo.posts import BROKEN_RACK, seed
from tests.conftest import add_member


async def test_the_demo_posts_a_photo_with_alt_text_and_edits_it(hood: Neighbourhood) -> None:
    [spec] = [n for n in NODES if n.slug == "noord"]
    people = {
        p.username: await add_member(hood, p.username, p.role, p.display_name)
        for p in PEOPLE[spec.slug]
    }
    await seed(hood, spec, people)
    posts = await hood.posts.recent(None)
    [with_photo] = [p for p in posts if p.photos]
    assert with_photo.photos[0].description == BROKEN_RACK
    assert with_photo.edited_at is not None and "donderdag" in with_photo.body
    assert hood.posts.photos.media.path_for(with_photo.photos[0].file_name) is not None
