"""The participation tests' clock, in the input phase of `draft` (participation_support.py)."""

from tests.participation_support import clock  # noqa: F401  (the fixture)
