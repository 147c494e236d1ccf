"""Suggested answers for the invariants of a study type, from detected elements.

Only a suggestion: a person accepts, edits or rejects it. The rule is deliberately simple and
explainable: an invariant lists the elements that evidence it (``evidence.elements``);
all found -> met, some found -> partially_met, none -> not_reported. When the document is given,
the invariant's own language cues (``evidence.cues``) are also searched: a cue sentence alone
supports partially_met, and a met needs the particulars the invariant asks of the kind of
document (``evidence.details``: an approval reference, a registry number, a protocol's
version…) stated in or right after a sentence of its evidence, else it is partially_met.
A sentence that states that what the invariant asks is not done ("Patients were not
involved.", ``evidence.absence``) or not done yet ("Trial registration: to be registered.",
``evidence.not_yet``) is never its evidence, though it holds its words.
"not_met" is suggested only when the document says so: with no evidence left, an explicit
statement of absence gives not_met, quoting it, and a statement that it is still to be done
gives partially_met (a protocol that plans a registration is partially met, see E03's
guidance). Silence is never not_met: absence of text is not proof of a failing study, and
judging that is the reviewer's call.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from checker.catalogue import pick
from checker.documents import Document
from checker.documents.tables import is_caption_label, quoted_last

from .detect import Detection, normalise_kind
from .elements import is_title_item
from .features import SentenceIndex, matching_sentences, matching_text
from .quotes import verify_quotation
from .sections import CONTEXT, GLOSSARY, OWN_REPORT, get_context_sections

MAX_QUOTATIONS = 3
MIN_QUOTATION_WORDS = 4
CUE_ONLY_CONFIDENCE = 0.3  # a phrase match alone is weak evidence
# One sentence in the invariant's own words saying it is not done (or not yet): as sure as an
# extra element found by one cue sentence.
STATED_CONFIDENCE = 0.5
ABSENCE, NOT_YET = "absence", "not_yet"  # Quotation.element of such a statement
# A numbered reference ("[7]", "[4,9]", "[2–5]") or an author citation ("Smith et al.").
_CITATION = re.compile(r"\[\d+(?:\s*[,;–‐-]\s*\d+)*\]|\bet al\b")


@dataclass(frozen=True)
class Quotation:
    text: str
    start: int
    end: int
    page: int | None
    section: str
    # element id, "cue" when found by the invariant's own cues, "detail:<id>" for a detail,
    # "absence" or "not_yet" for a statement that it is not done, or not yet
    element: str


@dataclass
class Suggestion:
    invariant_id: str
    answer: str  # "met" | "partially_met" | "not_met" (stated, never inferred) | "not_reported"
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
                    skip: frozenset[int] = frozenset()) -> list[Quotation]:
    """The first sentences with one of the invariant's own ``cues``, by ``order`` per
    sentence (lower first) when given; not the title (the first sentence) if
    ``skip_title``, nor the sentences at positions ``skip``."""
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
    last: list[Quotation] = []  # a table's rows: only when nothing else is
    positions = index.containing_any(c.lower() for c in cues)  # a new list, in document order
    if order is not None:
        positions.sort(key=lambda position: order[position])
    for position in positions:
        if (skip_title and position == 0) or position in skip:
            continue
        sentence = document.sentences[position]
        text = document.sentence_text(sentence)  # the quotation: verbatim, not as matched
        # A bare heading, a caption's label or a fragment names a topic without reporting
        # anything.
        if document.is_heading(sentence) or len(text.split()) < MIN_QUOTATION_WORDS \
                or is_caption_label(text):
            continue
        if pattern.search(index.sentences[position]) and verify_quotation(document.text, text):
            quotation = Quotation(text, sentence.start, sentence.end, sentence.page,
                                  sentence.section, "cue")
            (last if quoted_last(text) else found).append(quotation)
            if len(found) >= MAX_QUOTATIONS:
                break
    return (found + last)[:MAX_QUOTATIONS]


@dataclass(frozen=True)
class _Statements:
    """Where a document states that what an invariant asks is not done (``absence``) or not
    done yet (``not_yet``): sentence positions, in document order."""

    absence: list[int]
    not_yet: list[int]

    @property
    def positions(self) -> frozenset[int]:
        return frozenset(self.absence) | frozenset(self.not_yet)


def _statements(invariant, lang: str, index: SentenceIndex) -> _Statements:
    found = []
    for patterns in (invariant.evidence.absence_for(lang), invariant.evidence.not_yet_for(lang)):
        if not patterns:
            found.append([])
            continue
        pattern = _any_pattern(patterns)
        found.append([p for p, text in enumerate(index.sentences) if pattern.search(text)])
    return _Statements(*found)


def _statement_quotations(document: Document, positions: list[int], places: list[int],
                          element: str) -> list[Quotation]:
    """The statements at ``positions`` to quote, those of the trial's own report only
    (``places``): "patients were not involved" in a background about earlier trials, or in a
    discussion of other studies, says nothing of this one. A heading states nothing."""
    found = []
    for position in positions:
        if places[position] != OWN_REPORT:
            continue
        sentence = document.sentences[position]
        text = document.sentence_text(sentence)
        if document.is_heading(sentence) or not verify_quotation(document.text, text):
            continue
        found.append(Quotation(text, sentence.start, sentence.end, sentence.page,
                               sentence.section, element))
        if len(found) >= MAX_QUOTATIONS:
            break
    return found


_STATED_RATIONALE = {
    ABSENCE: {"en": "The document states that this was not done, or will not be (see the "
                    "quotation).",
              "fr": "Le document indique que cela n'a pas été fait, ou ne le sera pas (voir la "
                    "citation)."},
    NOT_YET: {"en": "The document states that this is still to be done (see the quotation).",
              "fr": "Le document indique que cela reste à faire (voir la citation)."},
}


def _ordered(elements: list[Quotation], cues: list[Quotation],
             in_results: frozenset[int] = frozenset()) -> list[Quotation]:
    """The quotations to show first first, each sentence once.

    The invariant's own phrases ("dose-response" for a dose-response invariant) are more
    specific than an element's (any mention of a dose): the sentences that hold both come
    first, then the invariant's, then the elements' (judged blind, see the model card). But
    a results paper's results sentence that only holds the invariant's words ("leisure-time
    physical activity remained higher…" for how the exposure was measured) reports a finding,
    not how the study was done: such sentences (``in_results``, by start offset) come after
    the elements'.
    """
    cue_starts = {q.start for q in cues}
    both = [q for q in elements if q.start in cue_starts]
    methods_cues = [q for q in cues if q.start not in in_results]
    results_cues = [q for q in cues if q.start in in_results]
    seen: set[int] = set()  # two elements may share their best sentence: quote it once
    unique = []
    for quotation in both + methods_cues + elements + results_cues:
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


def _element_names(catalogue, elements: list[str], lang: str) -> str:
    """'who is blinded; interim analyses': the catalogue's names, as a reviewer writes them.

    Without the SPIRIT/CONSORT item codes: the rationale becomes the justification a reviewer
    pastes, and for a cohort or a mechanistic study a trial checklist's numbers read as noise
    (the JSON analysis and the document view keep the codes, where they help to check)."""
    return _NAME_SEPARATORS[lang].join(_in_sentence(catalogue.element_label(element, lang))
                                       for element in elements)


def _details_rationale(invariant, missing: list[str]) -> dict[str, str]:
    labels = {d.id: d.label for d in invariant.evidence.details}
    names = {lang: separator.join(pick(labels[i], lang) for i in missing)
             for lang, separator in _NAME_SEPARATORS.items()}
    return {"en": f"The quoted passages do not state: {names['en']}.",
            # Not "Non indiqué", which would agree with neither "la date" nor a list of them;
            # "passages": the quoted sentences and the one after them.
            "fr": f"Ces passages n'indiquent pas\u00a0: {names['fr']}."}


def _rationale(catalogue, found: list[str], missing: list[str], cue_only: bool,
               unquoted: list[str], elsewhere: list[str] = (),
               cue_quoted: bool = False) -> dict[str, str]:
    """The suggestion's reasons as a reviewer's note, in English and French: what the document
    reports (an element quoted), what it does not seem to, what it may report with no sentence
    to show it, what it mentions only about another matter. ``unquoted``: the elements found
    without a sentence to quote; of them, ``elsewhere`` were found in sentences about another
    matter than the invariant's (``evidence.about``). ``cue_quoted``: a quotation is in the
    invariant's own words. A person who accepts the suggestion keeps it as the answer's
    justification, so it goes as written into the reports and the structured review pasted
    to authors."""
    def names(elements: list[str]) -> dict[str, str]:
        return {lang: _element_names(catalogue, elements, lang) for lang in ("en", "fr")}

    en, fr = [], []
    quoted = [e for e in found if e not in unquoted]
    if cue_only:  # a sentence in the invariant's own words, no element
        en.append("The quotation uses this invariant's own words.")
        fr.append("La citation reprend les termes propres à cet invariant.")
    elif quoted:
        en.append(f"The document reports: {names(quoted)['en']}.")
        fr.append(f"Le document rapporte\u00a0: {names(quoted)['fr']}.")
    inferred = [e for e in unquoted if e not in elsewhere]
    if cue_quoted:
        # A quotation in the invariant's own words may well show what the elements' usual
        # wording did not find ("Comité de Protection des Personnes" for ethics approval):
        # saying the document does not report them would contradict the quotation above.
        unseen = [*missing, *inferred, *elsewhere]
        if unseen:
            one = len(unseen) == 1
            en.append("Check in the quotation, as the usual wording was not found: "
                      f"{names(unseen)['en']}.")
            fr.append("À vérifier dans la citation, "
                      f"{'sa' if one else 'leur'} formulation habituelle n'ayant pas été "
                      f"trouvée\u00a0: {names(unseen)['fr']}.")
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
    if not en:  # nothing found, and nothing this kind of document is asked for
        en.append("The document reports nothing that shows this.")
        fr.append("Le document ne rapporte rien qui l'atteste.")
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
        # Only a results paper reports results (as for the elements, see detect.py).
        in_results = frozenset(
            sentence.start for sentence, flag
            in zip(document.sentences, sections.results_flags(document), strict=True)
            if flag) if detail_kind == "paper" else frozenset()
    for invariant in catalogue.invariants_for(study_type):
        listed = list(invariant.evidence.elements)
        elements = [e for e in listed if applies(e)]  # expected of this kind of document
        not_applicable = [e for e in listed if not applies(e)]
        stated = _Statements([], [])
        evidence_of = by_element
        if document is not None and (invariant.evidence.absence or invariant.evidence.not_yet):
            # "Patients were not involved." holds the words of patient involvement: such a
            # sentence is no element's evidence for this invariant, and an element it alone
            # supported is not found.
            stated = _statements(invariant, lang, index)
            denied = stated.positions
            evidence_of = {e: [d for d in by_element.get(e, ())
                               if position_of.get(d.start) not in denied]
                           for e in listed}
            evidence_of = {e: kept for e, kept in evidence_of.items() if kept}
        # An element not expected of this kind still counts when found (a results paper that
        # states its dissemination plan); it is only not asked for.
        found = [e for e in listed if e in evidence_of]
        missing = [e for e in elements if e not in evidence_of]
        # A title shows the design in a few words, not what most invariants ask
        # (sections.yaml): for those, an element's sentence in the title is not quoted.
        skip_title = document is not None and invariant.id not in sections.title_invariants
        quotations: list[Quotation] = []
        unquoted: list[str] = []
        elsewhere: list[str] = []  # of them, found in sentences about another matter
        for element in found:
            candidates = [d for d in evidence_of[element]
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
                                    stated.positions | (frozenset() if invariant.id
                                                        in sections.invariants else citing))
            quotations = _by_place(_ordered(quotations, extra, in_results), order,
                                   position_of)
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
        statement_kind = None
        if answer == "not_reported" and document is not None:
            # Nothing evidences it, and the document says why: it is still to be done (a
            # plan, partially met), or it was not done (not met). Only such an explicit
            # statement gives not_met, never silence.
            for statement_kind, positions, stated_answer in (
                    (NOT_YET, stated.not_yet, "partially_met"),
                    (ABSENCE, stated.absence, "not_met")):
                quotations = _statement_quotations(document, positions, own_first,
                                                   statement_kind)
                if quotations:
                    answer = stated_answer
                    break
            else:
                statement_kind = None
        details_missing: list[str] = []
        detail_quotations: list[Quotation] = []
        # The particulars asked of this kind of document (a protocol's version, where a
        # paper's protocol can be read).
        details = [d for d in invariant.evidence.details if d.applies_to(detail_kind)]
        if answer == "met" and document is not None and details:
            # The statement asks for particulars (a reference, a date): an element found
            # without them ("the protocol was submitted to the CPP") is partially met.
            detections = [d for e in found for d in evidence_of[e]]
            positions = _evidence_positions(quotations, detections, position_of,
                                            len(document.sentences))
            details_missing, detail_quotations = _find_details(details, lang, document, index,
                                                               positions)
            if details_missing:
                answer = "partially_met"
        confidences = [evidence_of[e][0].confidence for e in found]
        if statement_kind is not None:
            confidence = STATED_CONFIDENCE
        elif confidences:
            confidence = sum(confidences) / len(set(elements) | set(found))
        else:
            confidence = CUE_ONLY_CONFIDENCE if cue_only else 0.0
        # A table's row only after the sentences (a stable sort).
        quotations.sort(key=lambda q: quoted_last(q.text))
        quotations = quotations[:MAX_QUOTATIONS + len(found)]
        quoted = {q.start for q in quotations}
        # A detail stated in a sentence not quoted yet is quoted too: it is what makes the
        # answer met, so the reviewer must see it.
        quotations += [q for q in dict((q.start, q) for q in detail_quotations).values()
                       if q.start not in quoted]
        rationale = (_STATED_RATIONALE[statement_kind] if statement_kind is not None
                     else _rationale(catalogue, found, missing, cue_only, unquoted, elsewhere,
                                     any(q.element == "cue" for q in quotations)))
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
