"""Trial-acronym cues (item 1g): a short name coined in the title and used for the trial.

A fixed pattern cannot say whether "PAMELA" is the trial's name or "HIV" a disease, but the
document can: an acronym that names the trial sits in brackets at the end of the title, or
before its colon, or is followed by "trial"/"study" somewhere in the text. These cues depend on
the document's own title, so they are computed per document rather than listed in lexicon.yaml.
"""

from __future__ import annotations

import re

# A title token with at least two capitals (PAMELA, DEP-HOM, EPCentCare, mLAKE, CRASH-3).
_CANDIDATE = re.compile(
    r"(?<![\w-])([A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)"
)
_TRIAL_WORD = r"(?i:trials?|study|studies|project|programme|program|essai|étude)"
_NUMBERING = r"(?:[\s-]+(?:I{1,3}|IV|\d))?!?"


def title_acronyms(title: str) -> list[str]:
    """Candidate acronyms of a title: tokens with two capitals or more, not only digits."""
    found = []
    for token in _CANDIDATE.findall(title):
        capitals = sum(ch.isupper() for ch in token)
        if capitals >= 2 and len(token) >= 3 and token not in found:
            found.append(token)
    return found


def acronym_hits(sentences: list[str]) -> list[int]:
    """Per sentence: how many ways it names the trial by an acronym of the title (sentence 0)."""
    hits = [0] * len(sentences)
    if not sentences:
        return hits
    title = sentences[0].strip()
    for acronym in title_acronyms(title):
        name = re.escape(acronym)
        # "(PAMELA): study protocol", "... trial (TEAM)", "HOPE-trial: ...", "Depression - DEP-HOM:"
        named_in_title = re.compile(
            rf"\({name}\)\s*(?:[:.\-–]|$)|^\W*{name}{_NUMBERING}\s*(?:[:\-–]|{_TRIAL_WORD})"
            rf"|{name}[\s-]+{_TRIAL_WORD}|[-–]\s*{name}\s*:"
        )
        # "the PAMELA trial" (English order) or "l'essai PAMELA" (French order)
        used_in_text = re.compile(
            rf"(?<![\w-]){name}{_NUMBERING}[\s-]+{_TRIAL_WORD}\b"
            rf"|\b(?i:essai|étude)\s+{name}(?![\w-])"
        )
        if named_in_title.search(title):
            hits[0] += 1
        for index, sentence in enumerate(sentences[1:], start=1):
            if acronym in sentence and used_in_text.search(sentence):
                hits[index] += 1
    return hits
