"""Registry of rule modules run after the energy balance (carbon, review level, efficiency, policy checks …).

Each module is a function ``(submission, params, day, assessment) -> None`` that adds a section to
``assessment.sections`` and/or findings to ``assessment.findings``. Order matters: later modules may read earlier
sections.
"""

from __future__ import annotations

REGISTRY: list = []
