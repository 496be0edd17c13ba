"""Hypothesis on `remote_object`: any JSON a followed node sends becomes a RemoteObject or
is Ignored, never another exception (a year-1 date in +01:00 once overflowed)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from node.community.network.nearby import RemoteObject
from node.federation.network.translate import remote_object
from node.federation.vocab import Ignored
from tests.federation.fuzzing import FUZZ, json_values, key_ids

times = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "Z", ""]),
    st.text(max_size=30),
)
links = st.one_of(key_ids, st.lists(st.fixed_dictionaries({"href": key_ids}), max_size=2))
objects = st.fixed_dictionaries(
    {"type": st.sampled_from(["Page", "Article", "Event", "Note"]) | json_values},
    optional={
        "id": key_ids | json_values,
        "@context": st.just([{"buurtnode": "https://x/ns#"}]) | json_values,
        "name": json_values,
        "content": st.text() | json_values,
        "contentMap": st.dictionaries(st.text(max_size=5), st.text()) | json_values,
        "url": links | json_values,
        "published": times,
        "updated": times,
        "startTime": times,
        "endTime": times,
        "inReplyTo": links | json_values,
        "attributedTo": links | json_values,
        "location": json_values,
        "status": json_values | st.sampled_from(["idee", "actief"]),
        "participationLevel": json_values,
        "needs": json_values,
        "timezone": json_values,
    },
)


@FUZZ
@given(doc=objects | json_values, contexts=st.lists(json_values, max_size=2))
def test_remote_object_keeps_or_ignores_never_crashes(doc: Any, contexts: list[Any]) -> None:
    try:
        kept = remote_object(doc, origin="https://elders.example/ap/actor", contexts=(*contexts,))
    except Ignored:
        return
    assert isinstance(kept, RemoteObject) and isinstance(kept.ap_id, str)
    assert len(kept.name) <= 200
