"""Registry of rule modules run after the energy balance (carbon, review level, efficiency, policy checks …).

Each module is a function ``(submission, params, day, assessment) -> None`` that adds a section to
``assessment.sections`` and/or findings to ``assessment.findings``. Order matters: later modules may read earlier
sections (review reads the energy details; carbon reads the review authority; checks read everything).
"""

from __future__ import annotations

from reviewer.rules.carbon import carbon_module
from reviewer.rules.checks import checks_module
from reviewer.rules.efficiency import efficiency_module
from reviewer.rules.energy import energy_details
from reviewer.rules.regional import regional_module
from reviewer.rules.review import review_module

REGISTRY: list = [energy_details, review_module, carbon_module, efficiency_module, regional_module, checks_module]
