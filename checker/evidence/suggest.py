"""Suggested answers for the invariants of a study type, from detected elements.

Only a suggestion: a person accepts, edits or rejects it. The rule is deliberately simple and
explainable: an invariant lists the elements that evidence it (``evidence.elements``);
all found -> met, some found -> partially_met, none -> not_reported. When the document is given,
the invariant's own language cues (``evidence.cues``) are also searched: a cue sentence alone
supports partially_met, and a met needs the particulars the invariant asks of the kind of
document (``evidence.details``: an approval reference, a registry number, a protocol's
version…) stated in or right after a sentence of its evidence, else it is partially_met.
"not_met" is never suggested: absence of text is not proof of a failing study, and judging that
is the reviewer's call.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from checker.catalogue import pick
from checker.documents import Document

from .detect import Detection, normalise_kind
from .elements import is_title_item, sctm_code
from .features import SentenceIndex, matching_sentences, matching_text
from .quotes import verify_quotation
from .sections import CONTEXT, GLOSSARY, get_context_sections

MAX_QUOTATIONS = 3
MIN_QUOTATION_WORDS = 4
CUE_ONLY_CONFIDENCE = 0.3  # a phrase match alone is weak evidence
# A numbered reference ("[7]", "[4,9]", "[2–5]") or an author citation ("Smith et al.").
_CITATION = re.compile(r"\[\d+(?:\s*[,;–‐-]\s*\d+)*\]|\bet al\b")


@dataclass(frozen=True)
class Quotation:
    text: str
    start: int
    end: int
    page: int | None
    section: str
    element: str  # element id, or "cue" when found by the invariant's own cues


@dataclass
class Suggestion:
    invariant_id: str
    answer: str  # "met" | "partially_met" | "not_reported"
    confidence: float
    elements_found: list[str] = field(default_factory=list)
    elements_missing: list[str] = field(default_factory=list)
    elements_not_applicable: list[str] = field(default_factory=list)  # to this document kind
    # found from the text as a whole, without a sentence to quote (see Detection.cue_match)
    elements_inferred: list[str] = field(default_factory=list)
    # particulars the invariant asks for (evidence.details ids) not found beside its evidence
    details_missing: list[str] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    rationale: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def _cue_quotations(document: Document, index: SentenceIndex, cues: tuple[str, ...],
                    order: list[int] | None = None, skip_title: bool = False,
                    skipped: frozenset[int] = frozenset()) -> list[Quotation]:
    """The first sentences with one of the invariant's own ``cues``, by ``order`` per
    sentence (lower first) when given; not the title (the first sentence) if
    ``skip_title``, nor the sentences at the positions ``skipped``."""
    if not cues:
        return []
    # A cue typed with ' finds a document typeset with ’ (« imputables à l’intervention »),
    # and the reverse, as the element cues' patterns do.
    cues = tuple(dict.fromkeys(variant for cue in cues
                               for variant in (cue, cue.replace("'", "’"),
                                               cue.replace("’", "'"))))
    pattern = re.compile(
        "|".join(r"(?<!\w)" + re.escape(c) + r"(?!\w)" for c in cues), re.IGNORECASE
    )
    # The cues are literal words: only sentences containing one of them can match.
    found: list[Quotation] = []
    positions = index.containing_any(c.lower() for c in cues)  # a new list, in document order
    if order is not None:
        positions.sort(key=lambda position: order[position])
    for position in positions:
        if (skip_title and position == 0) or position in skipped:
            continue
        sentence = document.sentences[position]
        text = document.sentence_text(sentence)  # the quotation: verbatim, not as matched
        # A bare heading or a fragment names a topic without reporting anything.
        if document.is_heading(sentence) or len(text.split()) < MIN_QUOTATION_WORDS:
            continue
        if pattern.search(index.sentences[position]) and verify_quotation(document.text, text):
            found.append(Quotation(text, sentence.start, sentence.end, sentence.page,
                                   sentence.section, "cue"))
            if len(found) >= MAX_QUOTATIONS:
                break
    return found


def _ordered(elements: list[Quotation], cues: list[Quotation]) -> list[Quotation]:
    """The quotations to show first first, each sentence once.

    The invariant's own phrases ("dose-response" for a dose-response invariant) are more
    specific than an element's (any mention of a dose): the sentences that hold both come
    first, then the invariant's, then the elements' (judged blind, see the model card).
    """
    cue_starts = {q.start for q in cues}
    both = [q for q in elements if q.start in cue_starts]
    seen: set[int] = set()  # two elements may share their best sentence: quote it once
    unique = []
    for quotation in both + cues + elements:
        if quotation.start not in seen:
            seen.add(quotation.start)
            unique.append(quotation)
    return unique


def _by_place(quotations: list[Quotation], order: list[int],
              position_of: dict[int, int]) -> list[Quotation]:
    """The same quotations, by ``order`` of the sentence each starts (lower first; a stable
    sort keeps the order within a place). ``position_of``: sentence index by start offset."""
    return sorted(quotations, key=lambda q: order[position_of[q.start]]
                  if q.start in position_of else 0)


def _evidence_positions(quotations: list[Quotation], detections: list[Detection],
                        position_of: dict[int, int], count: int) -> list[int]:
    """Where to look for an invariant's details: each sentence of its evidence (the quoted
    ones first), then the sentence after it, where a reference or a date often stands on its
    own ("Registered on 16 January 2017.")."""
    starts = [q.start for q in quotations] + [d.start for d in detections if d.cue_match]
    evidence = list(dict.fromkeys(position_of[s] for s in starts if s in position_of))
    after = [p + 1 for p in evidence if p + 1 < count]
    return list(dict.fromkeys(evidence + after))


def _find_details(details, lang: str, document: Document, index: SentenceIndex,
                  positions: list[int]) -> tuple[list[str], list[Quotation]]:
    """The ids of the ``details`` stated nowhere at ``positions``, and a quotation of the
    first sentence stating each detail that is found."""
    missing: list[str] = []
    quotations: list[Quotation] = []
    for detail in details:
        pattern = _any_pattern(detail.patterns_for(lang))
        at = next((p for p in positions if pattern.search(index.sentences[p])), None)
        if at is None:
            missing.append(detail.id)
            continue
        sentence = document.sentences[at]
        text = document.sentence_text(sentence)
        if verify_quotation(document.text, text):
            quotations.append(Quotation(text, sentence.start, sentence.end, sentence.page,
                                        sentence.section, f"detail:{detail.id}"))
    return missing, quotations


@lru_cache(maxsize=256)
def _any_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # Validated catalogue patterns (see checker.catalogue.validate); case is not significant.
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _element_names(catalogue, elements: list[str], lang: str) -> str:
    """'Who is blinded (SPIRIT/CONSORT 17a), Interim analyses (SPIRIT/CONSORT 21b)': the
    catalogue's names, with the item codes of the SPIRIT-CONSORT-TM list."""
    names = []
    for element in elements:
        label = catalogue.element_label(element, lang)
        code = sctm_code(element)
        names.append(label if code is None or label == element
                     else f"{label} (SPIRIT/CONSORT {code})")
    return ", ".join(names)


def _details_rationale(invariant, missing: list[str]) -> dict[str, str]:
    labels = {d.id: d.label for d in invariant.evidence.details}
    separators = {"en": "; ", "fr": "\u00a0; "}  # French typography: a space before ";"
    names = {lang: separator.join(pick(labels[i], lang) for i in missing)
             for lang, separator in separators.items()}
    return {"en": f"Not stated beside this evidence: {names['en']}.",
            # Not "Non indiqué", which would agree with neither "la date" nor a list of them;
            # "passages": the quoted sentences and the one after them.
            "fr": f"Ces passages n'indiquent pas\u00a0: {names['fr']}."}


def _rationale(catalogue, found: list[str], missing: list[str], cue_only: bool,
               unquoted: list[str], elsewhere: list[str] = ()) -> dict[str, str]:
    """``unquoted``: the elements found without a sentence to quote; of them, ``elsewhere``
    were found in sentences about another matter than the invariant's (``evidence.about``)."""
    if cue_only:
        return {"en": "None of the listed elements was detected, but a sentence uses this "
                      "invariant's own wording (see the quotation).",
                "fr": "Aucun des éléments listés n'a été détecté, mais une phrase reprend les "
                      "termes propres à cet invariant (voir la citation)."}
    if not found:
        return {"en": "None of the elements that evidence this invariant was detected.",
                "fr": "Aucun des éléments attestant cet invariant n'a été détecté."}
    quoted = [e for e in found if e not in unquoted]
    en, fr = [], []
    if quoted:
        en.append(f"Elements detected: {_element_names(catalogue, quoted, 'en')}.")
        fr.append(f"Éléments détectés\u00a0: {_element_names(catalogue, quoted, 'fr')}.")
    if missing:
        en.append(f"Elements not detected: {_element_names(catalogue, missing, 'en')}.")
        fr.append(f"Éléments non détectés\u00a0: {_element_names(catalogue, missing, 'fr')}.")
    inferred = [e for e in unquoted if e not in elsewhere]
    if inferred:
        en.append("Inferred from the text as a whole, with no sentence to quote (check it): "
                  f"{_element_names(catalogue, inferred, 'en')}.")
        fr.append("Déduits de l'ensemble du texte, sans phrase à citer (à vérifier)\u00a0: "
                  f"{_element_names(catalogue, inferred, 'fr')}.")
    if elsewhere:
        en.append("Found only in sentences about another matter, which are not quoted (check "
                  "them): "
                  f"{_element_names(catalogue, list(elsewhere), 'en')}.")
        fr.append("Trouvés seulement dans des phrases portant sur un autre sujet, qui ne "
                  "sont pas citées (à vérifier)\u00a0: "
                  f"{_element_names(catalogue, list(elsewhere), 'fr')}.")
    return {"en": " ".join(en), "fr": " ".join(fr)}


def _applicability(kind: str | None):
    if kind is None:
        return lambda element: True
    from .model import get_model

    model, kind = get_model(), normalise_kind(kind)
    return lambda element: model.applies_to(element, kind)


def suggest_answers(
    catalogue,
    study_type: str,
    detections: list[Detection],
    lang: str = "en",
    document: Document | None = None,
    kind: str | None = None,
) -> dict[str, Suggestion]:
    """One suggestion per invariant applicable to ``study_type`` (catalogue order).

    With ``kind`` ("protocol" or "paper"), elements that never apply to that kind of document
    (e.g. results items in a protocol) are left out of the met/partially_met rule.
    """
    applies = _applicability(kind)
    detail_kind = None if kind is None else normalise_kind(kind)
    by_element: dict[str, list[Detection]] = {}
    for detection in sorted(detections, key=lambda d: d.rank):
        by_element.setdefault(detection.element, []).append(detection)
    suggestions: dict[str, Suggestion] = {}
    index = SentenceIndex(matching_sentences(document)) if document is not None else None
    sections = get_context_sections()
    if document is not None:
        # The trial's own report, then background and discussion, then an abbreviation list;
        # for an invariant whose place is the background or the discussion, only the list last.
        places = sections.places(document)
        own_first, glossary_last = places.tolist(), (places == GLOSSARY).astype(int).tolist()
        position_of = {sentence.start: i for i, sentence in enumerate(document.sentences)}
        # A background or discussion sentence citing a reference ("… holding a specific
        # university degree [7].") states another work's finding or a country's rule, not
        # this study's: no evidence for an invariant whose place is the study's own report.
        citing = frozenset(i for i, place in enumerate(own_first)
                           if place == CONTEXT and _CITATION.search(index.sentences[i]))
        title_start = document.sentences[0].start if document.sentences else None
    for invariant in catalogue.invariants_for(study_type):
        listed = list(invariant.evidence.elements)
        elements = [e for e in listed if applies(e)]  # expected of this kind of document
        not_applicable = [e for e in listed if not applies(e)]
        # An element not expected of this kind still counts when found (a results paper that
        # states its dissemination plan); it is only not asked for.
        found = [e for e in listed if e in by_element]
        missing = [e for e in elements if e not in by_element]
        # A title shows the design in a few words, not what most invariants ask
        # (sections.yaml): for those, an element's sentence in the title is not quoted.
        skip_title = document is not None and invariant.id not in sections.title_invariants
        quotations: list[Quotation] = []
        unquoted: list[str] = []
        elsewhere: list[str] = []  # of them, found in sentences about another matter
        for element in found:
            candidates = [d for d in by_element[element]
                          if not (skip_title and d.start == title_start
                                  and not is_title_item(element))]
            about = invariant.evidence.about_patterns(element, lang)
            if about:
                # The element's cues word its SPIRIT/CONSORT item; for this invariant only
                # its sentences about the invariant's matter are evidence ("Protocol
                # version 1.0" is no amendment): the first of them is quoted, or none.
                pattern = _any_pattern(about)
                on_matter = [d for d in candidates
                             if d.cue_match and pattern.search(matching_text(d.quote))]
                if not on_matter and any(d.cue_match for d in candidates):
                    elsewhere.append(element)
                candidates = on_matter
            best = next(iter(candidates), None)
            if best is not None and best.cue_match:
                quotations.append(Quotation(best.quote, best.start, best.end, best.page,
                                            best.section, element))
            else:  # a sentence only close in vocabulary, or the title here, is no evidence
                unquoted.append(element)
        extra: list[Quotation] = []
        # The trial's own report first, unless the invariant's place is the background or
        # the discussion; an abbreviation list last (sections.yaml).
        if document is not None:
            order = glossary_last if invariant.id in sections.invariants else own_first
            cues = invariant.evidence.cues.get(lang) or invariant.evidence.cues.get("en") or ()
            extra = _cue_quotations(document, index, tuple(cues), order, skip_title,
                                    frozenset() if invariant.id in sections.invariants
                                    else citing)
            quotations = _by_place(_ordered(quotations, extra), order, position_of)
        else:
            quotations = _ordered(quotations, extra)
        cue_only = not found and bool(extra)
        # A suggestion must be defensible by a quotation: an element inferred from the text
        # as a whole, with no sentence to quote, never makes an invariant met, nor alone
        # partially met.
        if found and not missing and not unquoted:
            answer = "met"
        elif quotations:
            answer = "partially_met"
        else:
            answer = "not_reported"
        details_missing: list[str] = []
        detail_quotations: list[Quotation] = []
        # The particulars asked of this kind of document (a protocol's version, where a
        # paper's protocol can be read).
        details = [d for d in invariant.evidence.details if d.applies_to(detail_kind)]
        if answer == "met" and document is not None and details:
            # The statement asks for particulars (a reference, a date): an element found
            # without them ("the protocol was submitted to the CPP") is partially met.
            detections = [d for e in found for d in by_element[e]]
            positions = _evidence_positions(quotations, detections, position_of,
                                            len(document.sentences))
            details_missing, detail_quotations = _find_details(details, lang, document, index,
                                                               positions)
            if details_missing:
                answer = "partially_met"
        confidences = [by_element[e][0].confidence for e in found]
        if confidences:
            confidence = sum(confidences) / len(set(elements) | set(found))
        else:
            confidence = CUE_ONLY_CONFIDENCE if cue_only else 0.0
        quotations = quotations[:MAX_QUOTATIONS + len(found)]
        quoted = {q.start for q in quotations}
        # A detail stated in a sentence not quoted yet is quoted too: it is what makes the
        # answer met, so the reviewer must see it.
        quotations += [q for q in dict((q.start, q) for q in detail_quotations).values()
                       if q.start not in quoted]
        rationale = _rationale(catalogue, found, missing, cue_only, unquoted, elsewhere)
        if details_missing:
            rationale = {lang: f"{text} {_details_rationale(invariant, details_missing)[lang]}"
                         for lang, text in rationale.items()}
        suggestions[invariant.id] = Suggestion(
            invariant_id=invariant.id,
            answer=answer,
            confidence=round(confidence, 3),
            elements_found=found,
            elements_missing=missing,
            elements_not_applicable=not_applicable,
            elements_inferred=unquoted,
            details_missing=details_missing,
            quotations=quotations,
            rationale=rationale,
        )
    return suggestions
