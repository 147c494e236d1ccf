"""Whether a document reads like a protocol (work planned) or a paper (work done and reported).

The element model and the suggestions depend on the document kind an assessment was set up
with: a protocol is not expected to report its participant flow. A wrong choice gives wrong
suggestions without any error, so the kind is also read from the document itself: future-tense
plans against past-tense results, confidence intervals and p-values (cues in
``kind_cues.yaml``). It only informs: the kind a person chose is never changed automatically.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from checker.documents import Document
from checker.documents.structure import is_known_heading
from checker.yaml_files import load_yaml

from .features import SentenceIndex, matching_sentences
from .lexicon import Lexicon
from .suggest import Quotation

KIND_CUES_PATH = Path(__file__).with_name("kind_cues.yaml")
# A title page may name the document's kind on a line above its title, under an institution's
# name that is then the first sentence (« PROTOCOLE DE RECHERCHE IMPLIQUANT LA PERSONNE
# HUMAINE », "STUDY PROTOCOL Open Access"): such lines count as the title, among this many
# first sentences.
TITLE_PAGE_SENTENCES = 6
_SECTION_NUMBER = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+")  # "2.", "2.1", "(3)"


@dataclass(frozen=True)
class KindCues:
    lexicon: Lexicon  # elements "plan", "report" and "title_plan"
    title_plan_weight: float
    confidence_scale: float
    warn_confidence: float


@lru_cache(maxsize=1)
def get_kind_cues() -> KindCues:
    with KIND_CUES_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    return KindCues(
        lexicon=Lexicon({name: data[name] for name in ("plan", "report", "title_plan")}),
        title_plan_weight=float(data["title_plan_weight"]),
        confidence_scale=float(data["confidence_scale"]),
        warn_confidence=float(data["warn_confidence"]),
    )


@dataclass(frozen=True)
class KindGuess:
    kind: str  # "protocol" | "paper"
    confidence: float  # 0.5 (no clue) to 1
    plan_sentences: int  # sentences describing work to be done
    report_sentences: int  # sentences reporting work done or results
    title_names_protocol: bool
    examples: tuple[Quotation, ...]  # the first plan and the first report sentence, verbatim

    @property
    def is_clear(self) -> bool:
        """Confident enough to tell a person their choice may be wrong."""
        return self.confidence >= get_kind_cues().warn_confidence

    def contradicts(self, chosen_kind: str) -> bool:
        """A clear reading of the document that differs from the kind a person chose."""
        chosen = "paper" if chosen_kind in ("paper", "results") else chosen_kind
        return self.is_clear and chosen != self.kind

    def to_dict(self) -> dict:
        return {**asdict(self), "examples": [q.to_dict() for q in self.examples]}


def _first_sentence(document: Document, indices: list[int], label: str) -> Quotation | None:
    for i in indices:
        sentence = document.sentences[i]
        if not document.is_heading(sentence):
            return Quotation(document.sentence_text(sentence), sentence.start, sentence.end,
                             sentence.page, sentence.section, label)
    return None


def _title_lines(document: Document) -> list[int]:
    """The sentences read as the title: the first one, and the lines of the title page among
    the first few sentences, before the first usual section ("Abstract", « Résumé ») and on the
    first page: each a line of its own, not a sentence ending in a full stop (a one-sentence
    paragraph of the text, "The study protocol was approved by…", is no title page line)."""
    first_section = next((section.start for section in document.sections
                          if is_known_heading(_SECTION_NUMBER.sub("", section.title, count=1))),
                         len(document.text))
    lines = [0]
    for i, sentence in enumerate(document.sentences[1:TITLE_PAGE_SENTENCES], start=1):
        if sentence.start >= first_section or document.page_at(sentence.start) not in (None, 1):
            break
        before, after = document.text[:sentence.start], document.text[sentence.end:]
        alone = (not before.strip(" \t") or before.rstrip(" \t").endswith("\n")) \
            and (not after.strip() or after.lstrip(" \t").startswith("\n"))
        if alone and not document.sentence_text(sentence).rstrip().endswith("."):
            lines.append(i)
    return lines


def guess_document_kind(document: Document, lang: str | None = None) -> KindGuess | None:
    """The kind ``document`` reads like, or None for a document without sentences."""
    if not document.sentences:
        return None
    cues = get_kind_cues()
    lang = lang or document.language
    index = SentenceIndex(matching_sentences(document))
    found = {}
    for name in ("plan", "report"):
        matched: set[int] = set()
        for pattern in cues.lexicon.for_language(name, lang):
            matched.update(index.matching(pattern))
        found[name] = sorted(matched)
    title_plan = any(p.regex.search(index.sentences[i])
                     for i in _title_lines(document)
                     for p in cues.lexicon.for_language("title_plan", lang))
    score = math.log((len(found["report"]) + 1) / (len(found["plan"]) + 1))
    score -= cues.title_plan_weight if title_plan else 0.0
    examples = [_first_sentence(document, found[name], name) for name in ("plan", "report")]
    return KindGuess(
        kind="paper" if score > 0 else "protocol",
        confidence=round(1.0 / (1.0 + math.exp(-cues.confidence_scale * abs(score))), 3),
        plan_sentences=len(found["plan"]),
        report_sentences=len(found["report"]),
        title_names_protocol=title_plan,
        examples=tuple(q for q in examples if q is not None),
    )
