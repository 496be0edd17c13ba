"""What the never-crash tests generate: Hypothesis settings bounded for `make test` (and
long under `make fuzz`), malformed keyIds, odd header text and arbitrary JSON values."""

from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("BUURTNODE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MALFORMED_KEY_IDS = [
    "https://example.com:abc/x",
    "https://[::1/x",
    "https://0177.0.0.1/x",  # an octal IPv4 address (a dev node fetches any host)
    "https://example.com:99999/x",
    "https:///x",
    "ftp://example.com/x",
    "not a url",
    "https://",
    "https://exa mple.com/x",
    "https://example.com/\x7f",
]

header_text = st.text(alphabet=string.printable.strip("\n\r\x0b\x0c"), max_size=200)
_hosts = st.sampled_from(
    [
        "127.0.0.1:8102",
        "masto.qa.urbanwildlife.biz",
        "nowhere.example",
        "example.com:abc",
        "[::1",
        "0177.0.0.1",
        "[::1]:8101",
        "127.0.0.1:8101",
        "",
        "ex%41mple.com",
    ]
)
key_ids = st.one_of(
    st.sampled_from(MALFORMED_KEY_IDS),
    st.builds(
        lambda scheme, host, path: f"{scheme}{host}{path}",
        st.sampled_from(["https://", "http://", "//", "", "https:", "javascript:"]),
        _hosts,
        st.one_of(st.just("/ap/actor#main-key"), header_text.map(lambda t: "/" + t)),
    ),
    header_text,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
