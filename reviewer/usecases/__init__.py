"""The application layer: every user action is one use case (issue 11; engineering.md part C §17).

Screens (``reviewer.ui``) and the command line (``reviewer.cli``) call only this package and the read-only queries it
exposes. A use case is a keyword-only function ``action(ctx, request) -> Result``:

- ``ctx`` (:class:`Context`) carries what the edge decided once: the archive, the settings read at start-up, the actor
  and the office clock. Nothing below reads ``Settings.load()`` itself.
- the request is a frozen dataclass naming everything the action needs (typed, so a renamed field fails a test);
- the use case owns exactly one unit of work (:func:`unit_of_work`): everything it writes commits together or not at
  all; legal acts that belong together (an acceptance and its 验收意见, a signed approval and its ledger draw) are
  one unit;
- it returns :class:`Result` — its value plus the set of :class:`Change` kinds it made, so screens refresh on a
  "changes" notification instead of re-querying ad hoc (Anki ``qt/aqt/operations``).

One module per area: ``submissions`` (import, assess), ``opinions`` (preview, issue), ``ledger``, ``cases``,
``rulepacks``, ``maintenance`` (backup, restore, settings).
"""

from reviewer.usecases.base import Change, Context, Result, unit_of_work

__all__ = ["Change", "Context", "Result", "unit_of_work"]
