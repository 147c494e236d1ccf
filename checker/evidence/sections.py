"""Context sections (sections.yaml): where a sentence is background or discussion rather than
the trial's own report, or a line of an abbreviation list, so that quotations come first from
the rest of the document; and where it is in the results, where a results paper reports its
results items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from checker.catalogue.patterns import any_pattern, pattern_errors
from checker.documents import Document
from checker.documents.list_marks import starts_bullet
from checker.yaml_files import load_yaml

SECTIONS_PATH = Path(__file__).with_name("sections.yaml")
_NUMBERING = r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?"
# After a keywords label: on a line, its terms after ":" or "."; as a heading, nothing more.
_LABEL_END = re.compile(r"\s*[:.]")
_HEADING_END = re.compile(r"[\s:.]*$")
# Where a sentence stands, in the order quotations are taken from (see ContextSections.places).
OWN_REPORT, CONTEXT, GLOSSARY = 0, 1, 2
# A structured abstract's run-in label opening a sentence: a few words then a colon
# ("Background: Centre-based rehabilitation …", « Contexte : … »).
_RUN_IN_LABEL = re.compile(r"\s*([^\W\d_](?:[\w'’-]*)(?:\s+[\w'’-]+){0,3})\s*:\s+\S")
# An item's label opening a line of a list: "(b)", "1.", "2)", "iii." (a bullet is
# ``starts_bullet``'s).
_ITEM_LABEL = re.compile(r"\s*\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’»)\]]*\s*$")
# A paragraph ends at a blank line.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# A sentence's place when it is in an authors' contributions section, for the elements and
# invariants it does not evidence first: after every other place, an abbreviation list's
# included (see ContextSections.preference).
CONTRIBUTIONS_LAST = 4


def _listed(data: dict, key: str) -> list[str]:
    """The regular expressions listed per language under ``key``, every language's."""
    headings = data.get(key)
    if not isinstance(headings, dict) or not all(
        isinstance(patterns, list) and patterns
        and all(isinstance(p, str) and p.strip() for p in patterns)
        for patterns in headings.values()
    ):
        raise ValueError(f"sections.yaml: {key} must map each language to a "
                         "non-empty list of patterns")
    return [p for ps in headings.values() for p in ps]


def _heading_pattern(data: dict, key: str) -> re.Pattern[str]:
    """One pattern for the regular expressions listed per language under ``key``."""
    patterns = _listed(data, key)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"sections.yaml: {key} pattern {pattern!r}: {exc}") from exc
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"{_NUMBERING}(?:{alternatives})", re.IGNORECASE)


def _sentence_pattern(data: dict, key: str) -> re.Pattern[str] | None:
    """One pattern searched anywhere in a sentence, for the regular expressions listed per
    language under ``key`` (None if the key is absent)."""
    if key not in data:
        return None
    patterns = tuple(_listed(data, key))
    # Compiled once, as the catalogue's alternations are, with the literals one of which its
    # every match holds: it is searched only in the sentences holding one (SentenceIndex).
    for position, exc in pattern_errors(patterns):
        shown = "" if position is None else f" {patterns[position]!r}"
        raise ValueError(f"sections.yaml: {key} pattern{shown}: {exc}")
    return any_pattern(patterns)


def _ids(data: dict, key: str, what: str) -> frozenset[str]:
    ids = data.get(key, [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError(f"sections.yaml: {key} must be a list of {what} ids")
    return frozenset(ids)


def _count(data: dict, key: str) -> int:
    count = data.get(key, 0)
    # bool is an int in Python: "true" would read as 1
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise ValueError(f"sections.yaml: {key} must be a whole number (0 or more)")
    return count


@dataclass(frozen=True)
class ContextSections:
    headings: re.Pattern[str]  # matches a context heading's title
    items: frozenset[str]  # elements whose evidence belongs in those sections
    invariants: frozenset[str] = frozenset()  # likewise for invariants' quotations
    results: re.Pattern[str] | None = None  # matches a results heading's title
    results_items: frozenset[str] = frozenset()  # elements reported in the results
    abstract: re.Pattern[str] | None = None  # matches an abstract's heading
    glossary: re.Pattern[str] | None = None  # matches an abbreviation list's heading
    references: re.Pattern[str] | None = None  # matches a reference list's heading
    # invariants that a document's title (its first sentence) may evidence
    title_invariants: frozenset[str] = frozenset()
    # a catalogue element's cue sentence with fewer words is quoted after its fuller ones
    min_quotation_words: int = 0
    # invariants whose evidence a results paper reports in its results (the dose received)
    results_invariants: frozenset[str] = frozenset()
    # matches a keywords label ("Keywords", « Mots-clés ») at a line's or a heading's start
    keyword_labels: re.Pattern[str] | None = None
    # invariants that, with nothing else, quote a sentence under a heading in their own words
    heading_invariants: frozenset[str] = frozenset()
    # matches a sentence speaking of the document's own study ("this is a pragmatic study")
    own_study: re.Pattern[str] | None = None
    # matches a discussion's heading, and a sentence there speaking of the study's own
    # intervention ("the intensity of the intervention … was not achieved")
    discussion: re.Pattern[str] | None = None
    own_in_discussion: re.Pattern[str] | None = None
    # matches an eligibility criteria heading ("Exclusion criteria"), a sentence stating
    # eligibility criteria ("Patients will be excluded if …"), and the invariants whose
    # evidence such a criterion may be (the population, vulnerable people…)
    eligibility_headings: re.Pattern[str] | None = None
    eligibility_criteria: re.Pattern[str] | None = None
    eligibility_invariants: frozenset[str] = frozenset()
    eligibility_elements: frozenset[str] = frozenset()  # for any invariant
    # matches an authors' contributions heading or run-in label ("Contributors: …"), and the
    # elements and invariants such a section evidences (quoted from it as from any section)
    contributions: re.Pattern[str] | None = None
    contribution_items: frozenset[str] = frozenset()
    contribution_invariants: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: object) -> ContextSections:
        """Built from the parsed YAML; a malformed file raises ValueError naming the key."""
        if not isinstance(data, dict):
            raise ValueError("sections.yaml: expected a mapping")
        if "context_panel_headings" in data:
            # A "Research in context" panel's headings are context headings too.
            panels = data["context_panel_headings"]
            _heading_pattern(data, "context_panel_headings")  # checked as any heading list
            headings = data.get("context_headings")
            if isinstance(headings, dict):
                data = {**data, "context_headings": {
                    lang: [*headings.get(lang, []), *panels.get(lang, [])]
                    for lang in {*headings, *panels}}}
        return cls(
            _heading_pattern(data, "context_headings"),
            _ids(data, "context_items", "element"),
            _ids(data, "context_invariants", "invariant"),
            _heading_pattern(data, "results_headings") if "results_headings" in data else None,
            _ids(data, "results_items", "element"),
            _heading_pattern(data, "abstract_headings") if "abstract_headings" in data else None,
            _heading_pattern(data, "glossary_headings") if "glossary_headings" in data else None,
            _heading_pattern(data, "reference_headings") if "reference_headings" in data
            else None,
            _ids(data, "title_invariants", "invariant"),
            _count(data, "min_quotation_words"),
            _ids(data, "results_invariants", "invariant"),
            _heading_pattern(data, "keyword_labels") if "keyword_labels" in data else None,
            _ids(data, "heading_invariants", "invariant"),
            _heading_pattern(data, "own_study") if "own_study" in data else None,
            _heading_pattern(data, "discussion_headings") if "discussion_headings" in data
            else None,
            _heading_pattern(data, "own_study_in_discussion")
            if "own_study_in_discussion" in data else None,
            _heading_pattern(data, "eligibility_headings") if "eligibility_headings" in data
            else None,
            _sentence_pattern(data, "eligibility_criteria"),
            _ids(data, "eligibility_invariants", "invariant"),
            _ids(data, "eligibility_elements", "element"),
            _heading_pattern(data, "contribution_headings") if "contribution_headings" in data
            else None,
            _ids(data, "contribution_items", "element"),
            _ids(data, "contribution_invariants", "invariant"),
        )

    def is_context(self, titles: list[str]) -> bool:
        """Whether any of a sentence's enclosing section titles is a context heading."""
        return any(self.headings.match(title) for title in titles)

    def places(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc`` (int8): OWN_REPORT, CONTEXT inside a context section, or
        GLOSSARY in an abbreviation list (headings of either language count: a French
        document may keep English headings)."""
        context = np.array([self.is_context(titles) for titles in doc.sentence_sections],
                           dtype=bool) | self._abstract_context(doc)
        # An abbreviation list by its own heading only: what a text puts after it without a
        # heading of its level (appendices after "##" in PMC texts) is not part of the list.
        glossary = np.array([self.glossary is not None
                             and self.glossary.match(sentence.section) is not None
                             for sentence in doc.sentences], dtype=bool)
        return np.where(glossary, GLOSSARY,
                        np.where(context, CONTEXT, OWN_REPORT)).astype(np.int8)

    def _abstract_context(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True in a structured abstract's part whose run-in label
        is a context heading's ("Background: … fewer than half of eligible patients attend."
        is the background, not the study's eligibility criteria), from the label to the next
        one or the abstract's end; a part headed by a heading of its own is read as any
        section."""
        flags = np.zeros(len(doc.sentences), dtype=bool)
        if self.abstract is None:
            return flags
        in_context, section = False, None
        for i, (sentence, inside) in enumerate(zip(doc.sentences, self.abstract_flags(doc),
                                                   strict=True)):
            if not inside or sentence.section != section:
                in_context, section = False, sentence.section
            if not inside:
                continue
            label = _RUN_IN_LABEL.match(doc.sentence_text(sentence))
            if label is not None:
                in_context = self.headings.match(label.group(1)) is not None
            flags[i] = in_context
        return flags

    def contribution_flags(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True in an authors' contributions section, by its own
        heading ("Authors' contributions", « Contributions des auteurs »; a section under it,
        or after it under no heading of its level, is not part of it, as for an abbreviation
        list), or in a paragraph opening on such a run-in label ("Contributors: JSL, NEF …
        conceived the study. AD wrote the protocol …"), up to the paragraph's end, the next
        run-in label ("Funding: …") or the next section."""
        flags = np.zeros(len(doc.sentences), dtype=bool)
        if self.contributions is None:
            return flags
        in_paragraph, paragraph_end, section = False, -1, ""
        for i, sentence in enumerate(doc.sentences):
            if self._contributions_heading(sentence.section):
                flags[i] = True
                continue
            text = doc.sentence_text(sentence)
            label = _RUN_IN_LABEL.match(text)
            line_start = doc.text.rfind("\n", 0, sentence.start) + 1
            if label is not None and not doc.text[line_start:sentence.start].strip():
                # a run-in label opening a line: a contributions paragraph starts, or ends
                in_paragraph = self._contributions_heading(label.group(1))
                end = _PARAGRAPH_END.search(doc.text, sentence.start)
                paragraph_end = len(doc.text) if end is None else end.start()
                section = sentence.section
            elif in_paragraph and (sentence.start >= paragraph_end
                                   or sentence.section != section):
                in_paragraph = False
            flags[i] = in_paragraph
        return flags

    def _contributions_heading(self, title: str) -> bool:
        """Whether ``title`` (a heading, or a run-in label without its colon) is an authors'
        contributions heading."""
        return self.contributions is not None and self.contributions.match(title) is not None

    def keyword_flags(self, doc: Document) -> list[bool]:
        """Per sentence of ``doc``: True for a keywords line ("Keywords: …", « Mots-clés : … »)
        or a sentence under a keywords heading of its own."""
        if self.keyword_labels is None:
            return [False] * len(doc.sentences)
        return [self._labelled(doc.sentence_text(sentence), _LABEL_END)
                or self._labelled(sentence.section, _HEADING_END)
                for sentence in doc.sentences]

    def _labelled(self, text: str, end: re.Pattern[str]) -> bool:
        """Whether ``text`` opens on a keywords label followed by what ``end`` matches."""
        match = self.keyword_labels.match(text) if self.keyword_labels is not None else None
        return match is not None and end.match(text, match.end()) is not None

    def reference_flags(self, doc: Document) -> list[bool]:
        """Per sentence of ``doc``: True for an entry of a reference list (by the list's own
        heading: an appendix after it, under a heading of its level, is not an entry)."""
        if self.references is None:
            return [False] * len(doc.sentences)
        return [not doc.is_heading(sentence)
                and self.references.match(sentence.section) is not None
                for sentence in doc.sentences]

    def speaks_of_own_study(self, text: str, in_discussion: bool) -> bool:
        """Whether a context sentence ``text`` speaks of the document's own study: "our
        trial", « il s'agit de … », or, in the discussion (``in_discussion``), its
        intervention."""
        return (self.own_study is not None and self.own_study.match(text) is not None
                or in_discussion and self.own_in_discussion is not None
                and self.own_in_discussion.match(text) is not None)

    def criteria_flags(self, doc: Document, stating: set[int]) -> list[bool]:
        """Per sentence of ``doc``: True for an eligibility criterion, a sentence stating
        criteria ("Patients will be excluded if …": the positions ``stating``, which
        :attr:`eligibility_criteria` finds) or an item of a list right under an eligibility
        criteria heading ("(b) Previous exposure to lithium …", "Frequent episodes (i.e. at
        least once a day);"), its heading included; not a sentence of running text under
        that heading, where a text whose next heading was lost goes on with another
        matter."""
        flags = []
        for position, sentence in enumerate(doc.sentences):
            if position in stating:
                flags.append(True)
                continue
            under = self.eligibility_headings is not None and \
                self.eligibility_headings.match(sentence.section) is not None
            line = doc.sentence_text(sentence).strip()
            flags.append(under and (doc.is_heading(sentence) or starts_bullet(line)
                                    or _ITEM_LABEL.match(line) is not None
                                    or _SENTENCE_END.search(line) is None))
        return flags

    def discussion_flags(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True inside the discussion (its conclusions, limitations)."""
        return self._inside(self.discussion, doc)

    def results_flags(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True inside a results section (the abstract's included)."""
        return self._inside(self.results, doc)

    def abstract_flags(self, doc: Document) -> np.ndarray:
        """Per sentence of ``doc``: True inside the abstract (its heading included)."""
        return self._inside(self.abstract, doc)

    def is_abstract(self, title: str) -> bool:
        return self.abstract is not None and self.abstract.match(title) is not None

    @staticmethod
    def _inside(heading: re.Pattern[str] | None, doc: Document) -> np.ndarray:
        if heading is None:
            return np.zeros(len(doc.sentences), dtype=bool)
        return np.array([any(heading.match(title) for title in titles)
                         for titles in doc.sentence_sections], dtype=bool)

    def preference(self, element: str, doc_flags: tuple[np.ndarray, ...]) -> np.ndarray:
        """Per sentence, the order in which ``element``'s quotations are taken (lower first),
        from ``doc_flags`` = (:meth:`places`, :meth:`results_flags`) of the document, and
        optionally its :meth:`contribution_flags`. A
        results item is quoted from the results, then from the rest of the own report, then
        from the context; any other element from its own report, then from the context; an
        element whose place is the background or the discussion from anywhere. An
        abbreviation list ("AE  adverse events") names things without reporting them: it
        comes last for every element. An authors' contributions section ("AK has been
        responsible for the statistical analysis and power calculations") says who did
        what, not how: it comes after it, save for the elements it reports (the contributors'
        roles, the authorship)."""
        places, results = doc_flags[:2]
        if element in self.items:
            order = (places == GLOSSARY).astype(np.int8)
        elif element in self.results_items:
            order = np.where(results, 0, places + 1).astype(np.int8)
        else:
            order = places
        if len(doc_flags) > 2 and element not in self.contribution_items:
            order = np.where(doc_flags[2], CONTRIBUTIONS_LAST, order).astype(np.int8)
        return order


@lru_cache(maxsize=1)
def get_context_sections() -> ContextSections:
    with SECTIONS_PATH.open(encoding="utf-8") as handle:
        return ContextSections.from_data(load_yaml(handle))
