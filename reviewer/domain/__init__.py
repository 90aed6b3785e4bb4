"""Plain-Python domain model (no Qt, no ORM)."""

from reviewer.domain.model import *  # noqa: F401,F403
