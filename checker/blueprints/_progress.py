"""How many of an assessment's invariants are answered, worded once for the three pages that
say it: the home list, the assessment form's progress bar (and its background updates) and
the results page.

All three count with :func:`checker.services.scoring.answer_counts` (or a score's
``answer_counts``, the same): the answers a person gave or confirmed, then the automatic
suggestions no person has confirmed yet, which the scores and verdict count as they stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from ..services.scoring import AnswerCounts


@dataclass(frozen=True)
class CountsWording:
    answered: str  # "17 of 30 invariants answered by a person"
    pending: str  # "13 unconfirmed suggestions"; "" when there are none
    # The home list's narrow column: "17 of 30 by a person", as the reports word it; the
    # sentence above stays for screen readers and as the cell's tooltip.
    answered_short: str = ""

    @property
    def sentence(self) -> str:
        """Both in one: "17 of 30 invariants answered by a person; 13 unconfirmed
        suggestions"."""
        if not self.pending:
            return self.answered
        return _("%(answered)s; %(pending)s", answered=self.answered, pending=self.pending)


def counts_wording(counts: AnswerCounts) -> CountsWording:
    """``counts`` in the interface's language."""
    return CountsWording(
        answered=ngettext("%(num)d of %(total)d invariants answered by a person",
                          "%(num)d of %(total)d invariants answered by a person",
                          counts.by_person, total=counts.total),
        pending=ngettext("%(num)d unconfirmed suggestion", "%(num)d unconfirmed suggestions",
                         counts.unconfirmed) if counts.unconfirmed else "",
        answered_short=_("%(num)d of %(total)d by a person", num=counts.by_person,
                         total=counts.total))
