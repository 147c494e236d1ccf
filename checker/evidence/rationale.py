"""The wording of a suggestion's rationale, in English and French.

A person who accepts a suggestion keeps its rationale as the answer's justification, so it
goes as written into the reports and the structured review pasted to authors: it reads as a
reviewer's note, with the catalogue's names of the elements (no SPIRIT/CONSORT codes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.catalogue import pick

from .stated_absence import ABSENCE, NOT_YET

if TYPE_CHECKING:
    from checker.catalogue import Catalogue, Invariant

# The rationale of an answer given by a statement that it is not done, or not yet.
STATED_RATIONALE = {
    ABSENCE: {"en": "The document states that this was not done, or will not be (see the "
                    "quotation).",
              "fr": "Le document indique que cela n'a pas été fait, ou ne le sera pas (voir la "
                    "citation)."},
    NOT_YET: {"en": "The document states that this is still to be done (see the quotation).",
              "fr": "Le document indique que cela reste à faire (voir la citation)."},
}


def _in_sentence(label: str) -> str:
    """A catalogue name as it reads after a colon in a sentence: "Data sharing" ->
    "data sharing", but "NPI dose" and "HbA1c" keep their capitals (an acronym, a symbol)."""
    first = label.split(" ", 1)[0]
    if not first[:1].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return label
    return label[:1].lower() + label[1:]


# Between element names: a semicolon, as names hold commas ("Ancillary and post-trial care,
# compensation"); French typography puts a no-break space before it.
_NAME_SEPARATORS = {"en": "; ", "fr": "\u00a0; "}


def _element_names(catalogue: Catalogue, elements: list[str], lang: str) -> str:
    """'who is blinded; interim analyses': the catalogue's names, as a reviewer writes them.

    Without the SPIRIT/CONSORT item codes: the rationale becomes the justification a reviewer
    pastes, and for a cohort or a mechanistic study a trial checklist's numbers read as noise
    (the JSON analysis and the document view keep the codes, where they help to check)."""
    return _NAME_SEPARATORS[lang].join(_in_sentence(catalogue.element_label(element, lang))
                                       for element in elements)


def details_rationale(invariant: Invariant, missing: list[str]) -> dict[str, str]:
    """What the quoted passages do not state of the particulars the invariant asks for
    (``missing``: evidence.details ids), to follow the rationale of a met downgraded."""
    labels = {d.id: d.label for d in invariant.evidence.details}
    names = {lang: separator.join(pick(labels[i], lang) for i in missing)
             for lang, separator in _NAME_SEPARATORS.items()}
    return {"en": f"The quoted passages do not state: {names['en']}.",
            # Not "Non indiqué", which would agree with neither "la date" nor a list of them;
            # "passages": the quoted sentences and the one after them.
            "fr": f"Ces passages n'indiquent pas\u00a0: {names['fr']}."}


def waived_rationale(catalogue: Catalogue, invariant: Invariant,
                     waived: list[str]) -> dict[str, str]:
    """Which elements are not asked of this document, and why (``evidence.waived``: the
    design its own report states has none, as a block size under minimisation)."""
    reasons = {lang: separator.join(
        f"{_element_names(catalogue, [element], lang)} "
        f"({pick(invariant.evidence.waived[element].reason, lang)})" for element in waived)
        for lang, separator in _NAME_SEPARATORS.items()}
    return {"en": f"Not asked of this document: {reasons['en']}.",
            "fr": f"Non demandé pour ce document\u00a0: {reasons['fr']}."}


def waived_details_rationale(invariant: Invariant, waived: list[str]) -> dict[str, str]:
    """Which particulars are not asked of this document, and why (a detail's
    ``waived_when``: the design its own report states has none, as a cross-sectional survey
    has no losses to follow-up), worded as for the elements waived."""
    waivers = {d.id: (d.waived_when.label or d.label, d.waived_when.reason)
               for d in invariant.evidence.details if d.waived_when is not None}
    reasons = {lang: separator.join(
        f"{pick(waivers[i][0], lang)} ({pick(waivers[i][1], lang)})" for i in waived)
        for lang, separator in _NAME_SEPARATORS.items()}
    return {"en": f"Not asked of this document: {reasons['en']}.",
            "fr": f"Non demandé pour ce document\u00a0: {reasons['fr']}."}


def evidence_rationale(catalogue: Catalogue, found: list[str], missing: list[str],
                       cue_only: bool, unquoted: list[str], elsewhere: list[str] = (),
                       cue_quoted: bool = False, headed: bool = False,
                       in_context: Sequence[str] = ()) -> dict[str, str]:
    """The suggestion's reasons as a reviewer's note, in English and French: what the document
    reports (an element quoted), what it does not seem to, what it may report with no sentence
    to show it, what it mentions only about another matter. ``unquoted``: the elements found
    without a sentence to quote; of them, ``elsewhere`` were found in sentences about another
    matter than the invariant's (``evidence.about``), and ``in_context``, telling what the
    study does, only in its background or discussion (``own_report``). ``cue_quoted``: a
    quotation is in the invariant's own words; ``headed``: they stand under a heading in its
    words."""
    def names(elements: list[str]) -> dict[str, str]:
        return {lang: _element_names(catalogue, elements, lang) for lang in ("en", "fr")}

    en, fr = [], []
    quoted = [e for e in found if e not in unquoted]
    if cue_only and headed:  # under « Événements indésirables », in its own words
        en.append("The quotation stands under a heading holding this invariant's key words.")
        fr.append("La citation figure sous un titre qui contient les mots-clés de cet "
                  "invariant.")
    elif cue_only:  # a sentence in the invariant's own words, no element
        # Said as a reader sees it: the sentence holds the invariant's key words (a
        # walkthrough's nurse researcher could not tell what "its own words" meant).
        en.append("The quotation holds this invariant's key words.")
        fr.append("La citation contient les mots-clés de cet invariant.")
    elif quoted:
        en.append(f"The document reports: {names(quoted)['en']}.")
        fr.append(f"Le document rapporte\u00a0: {names(quoted)['fr']}.")
    inferred = [e for e in unquoted if e not in elsewhere and e not in in_context]
    if cue_quoted:
        # A quotation in the invariant's own words may well show what the elements' usual
        # wording did not find ("Comité de Protection des Personnes" for ethics approval):
        # saying the document does not report them would contradict the quotation above.
        unseen = [*missing, *inferred, *elsewhere, *in_context]
        # Said as not found, then where to look: "Check in the quotation" first read as a
        # claim that the quotation holds them, odd beside a quotation about something else
        # (a UK ethics committee member's walkthrough).
        # Said plainly, as a submitter reads it in a dossier's reports ("Usual wording not
        # found" read as jargon): the document does not state them in the words used for
        # them; the quotation may state them in other words; whoever reads it checks.
        if unseen:
            many = len(unseen) > 1
            en.append(f"Not found in the document in the words usually used for "
                      f"{'them' if many else 'it'}; the quotation may say "
                      f"{'them' if many else 'it'} in other words (check): "
                      f"{names(unseen)['en']}.")
            them = "les " if many else "l'"
            fr.append(f"Le document ne {them}énonce pas avec les mots habituels\u00a0; "
                      f"la citation {them}énonce peut-être autrement (à vérifier)\u00a0: "
                      f"{names(unseen)['fr']}.")
        return {"en": " ".join(en), "fr": " ".join(fr)}
    if missing:
        # "does not seem to": what was not found may be worded otherwise; the reviewer checks.
        subject = {"en": "It", "fr": "Il"} if quoted else {"en": "The document",
                                                            "fr": "Le document"}
        en.append(f"{subject['en']} does not seem to report: {names(missing)['en']}.")
        fr.append(f"{subject['fr']} ne semble pas rapporter\u00a0: {names(missing)['fr']}.")
    # An element the model finds in the text as a whole, with no sentence to quote, is kept
    # in the note though it never raises the answer: it is why an answer whose other elements
    # are all quoted is still partially met. But it is said to be uncertain, and nothing more:
    # on held-out data about half of such inferences are right.
    if inferred:
        en.append("Perhaps reported, with no sentence to show it (check): "
                  f"{names(inferred)['en']}.")
        fr.append("Le document aborde peut-être, sans phrase qui le montre (à vérifier)"
                  f"\u00a0: {names(inferred)['fr']}.")
    if elsewhere:
        # Their sentences are not evidence here ("Protocol version 1.0." for amendments).
        en.append("Found only in sentences about another matter (check): "
                  f"{names(list(elsewhere))['en']}.")
        fr.append("Seulement dans des phrases sur un autre sujet (à vérifier)\u00a0: "
                  f"{names(list(elsewhere))['fr']}.")
    if in_context:
        # Another work's costs, a wish for further studies: not what this study does.
        en.append("Found only in the background or the discussion (check): "
                  f"{names(list(in_context))['en']}.")
        fr.append("Seulement dans le contexte ou la discussion (à vérifier)\u00a0: "
                  f"{names(list(in_context))['fr']}.")
    if not en:  # nothing found, and nothing this kind of document is asked for
        en.append("The document reports nothing that shows this.")
        fr.append("Le document ne rapporte rien qui l'atteste.")
    return {"en": " ".join(en), "fr": " ".join(fr)}
