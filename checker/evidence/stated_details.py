"""What a document says about itself: its title, kind, language, trial registration number
and country, and the design its title names, to pre-fill a new assessment's details.

Each detail has one rule a person can be told, and is left empty unless the rule is met; a
person checks every value (the form marks them "read from the document"). The cues are data,
``stated_details_cues.yaml``; the kind and the language are those the rest of the application reads
(:mod:`.kind`, :mod:`checker.documents.language`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale

from checker.documents import Document
from checker.documents.headings import back_matter_names, name_key
from checker.documents.structure import is_known_heading
from checker.yaml_files import load_yaml

from .kind import guess_document_kind
from .sections import CONTEXT, get_context_sections

DETAILS_CUES_PATH = Path(__file__).with_name("stated_details_cues.yaml")
MIN_TITLE_WORDS = 3  # "Study protocol" or "Confidential" names no study
_MARKUP = "#*_ \t"  # Markdown marks around a heading or a line set in bold
_SECTION_NUMBER = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+")  # "2.", "2.1", "(3)"
# Numbered as a section ("2. Methods", "2.1 Design") rather than a title ("12 weeks of...").
_NUMBERED_HEADING = re.compile(r"\(?\d{1,2}(?:(?:\.\d{1,2})+\.?|[.)])\s")


@dataclass(frozen=True)
class Registry:
    name: str
    pattern: re.Pattern[str]
    label: str  # written before a number that does not name its registry ("EudraCT")
    authorisation: bool = False  # a national authorisation, no public registration (ID-RCB)


@dataclass(frozen=True)
class StudyTypeRule:
    study_type: str
    patterns: tuple[re.Pattern[str], ...]  # English and French


@dataclass(frozen=True)
class DetailsCues:
    title_label: re.Pattern[str]
    document_kind_heading: re.Pattern[str]  # "Protocole de recherche": names no study
    registries: tuple[Registry, ...]
    country_setting: re.Pattern[str]  # "in France", "aux États-Unis": where a study is
    country_place: re.Pattern[str]  # "in the Lyon area, France", « à Lyon (France) »
    elsewhere_before: re.Pattern[str]  # "compared with studies ": another study's country
    country_names: re.Pattern[str]  # any country name (longest first)
    country_codes: dict[str, str]  # name -> ISO 3166 code
    national_bodies: tuple[tuple[str, re.Pattern[str]], ...]  # (ISO 3166 code, its bodies)
    study_type_rules: tuple[StudyTypeRule, ...]


def country_names(data: dict, *, in_text: bool = True) -> dict[str, str]:
    """Every name of every country, in English and French, with its ISO 3166 code (``data``:
    the cues' ``countries``); ``in_text``: leaving out those whose name in running text most
    often means something else."""
    excluded = set(data["not_countries"]) | (set(data["ambiguous_in_text"]) if in_text else set())
    names: dict[str, str] = {}
    for lang in ("en", "fr"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in excluded:
                names[name] = code
    for code, by_lang in data["aliases"].items():
        for aliases in by_lang.values():
            names.update(dict.fromkeys(aliases, code))
    return names


def _alternatives(names: list[str]) -> str:
    # Longest first, so that "Papua New Guinea" is read whole rather than as "Guinea"; a
    # typeset apostrophe ("Côte d’Ivoire") matches a straight one too.
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace("’", "['’]") for name in ordered)


# A place before its country: a few words ("the Lyon metropolitan area", « les GMF de trois
# régions du Québec (Canada) »), perhaps with one or
# two parts of its own after commas ("London, Ontario"), no sentence punctuation.
_PLACE_WORDS = r"[^\s,.;:()]+(?:\s+[^\s,.;:()]+){0,7}"
_PLACE = rf"{_PLACE_WORDS}(?:\s*,\s*{_PLACE_WORDS}){{0,2}}?"


@lru_cache(maxsize=1)
def get_details_cues() -> DetailsCues:
    with DETAILS_CUES_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    codes = country_names(data["countries"])
    names = _alternatives(list(codes))
    return DetailsCues(
        title_label=re.compile(data["title_label"]),
        document_kind_heading=re.compile(data["document_kind_heading"]),
        registries=tuple(Registry(r["name"], re.compile(r["pattern"]), r.get("label", ""),
                                  bool(r.get("authorisation")))
                         for r in data["registries"]),
        country_setting=re.compile(f"{data['country_settings']}(?:{names})(?!\\w)"),
        # The country alone in its brackets: "(China-Japan Friendship Hospital)" is no place's.
        country_place=re.compile(f"{data['place_settings']}(?P<place>{_PLACE})"
                                 f"(?:(?P<bracket>\\s*\\((?:{names})\\s*\\))"
                                 f"|\\s*,\\s*(?:{names})(?!\\w))"),
        elsewhere_before=re.compile(data["elsewhere_before"]),
        country_names=re.compile(f"(?<!\\w)(?:{names})(?!\\w)"),
        country_codes={name.replace("’", "'"): code for name, code in codes.items()},
        national_bodies=tuple((code, re.compile("|".join(patterns)))
                              for code, patterns in data["national_bodies"].items()),
        study_type_rules=tuple(
            StudyTypeRule(rule["study_type"],
                          tuple(re.compile(p, re.IGNORECASE)
                                for lang in ("en", "fr") for p in rule.get(lang, ())))
            for rule in data["study_type_hints"]),
    )


@dataclass(frozen=True)
class StudyTypeHint:
    study_type: str  # a catalogue study type id
    words: str  # the title's words that name the design, verbatim


@dataclass(frozen=True)
class DocumentDetails:
    """What was read with confidence; "" (or None) where the document was not clear."""

    title: str = ""
    document_kind: str = ""  # "protocol" | "paper"
    language: str = ""  # "en" | "fr"
    reference: str = ""  # a trial registration number
    country: str = ""  # ISO 3166 code ("FR")
    study_type_hint: StudyTypeHint | None = None


def read_details(document: Document) -> DocumentDetails:
    """Every detail ``document`` states clearly (see each reader for its rule)."""
    title = document_title(document)
    kind = guess_document_kind(document)
    language = document.language_guess
    return DocumentDetails(
        title=title,
        document_kind=kind.kind if kind is not None and kind.is_clear else "",
        language=language.language if language.is_clear else "",
        reference=registration_number(document),
        country=country_code(document),
        study_type_hint=study_type_hint(title),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _is_section_name(heading: str) -> bool:
    """A usual section name, numbered or not ("Abstract", "2. Methods")."""
    return is_known_heading(_SECTION_NUMBER.sub("", heading.strip(_MARKUP), count=1))


def _as_title(text: str) -> str:
    """``text`` as a title, or "" when it cannot be one: a section name ("Abstract") or a
    numbered heading ("2.1 Design"), fewer than three words, the kind of document alone
    ("Protocole de recherche"), or a sentence ending with a full stop (running text)."""
    cues = get_details_cues()
    title = _one_line(cues.title_label.sub("", _one_line(text).strip(_MARKUP)))
    if (len(title.split()) < MIN_TITLE_WORDS or _is_section_name(title)
            or _NUMBERED_HEADING.match(title) or cues.document_kind_heading.match(title)
            or title.endswith(".") and not title.endswith("..")):
        return ""
    return title


def document_title(document: Document) -> str:
    """The document's title: the heading set largest before its first section ("Abstract",
    "Background"...) on its first page; else, but for a PDF (whose first lines may be a
    journal's name or a licence), its first line when that line stands alone."""
    sections = document.sections
    first_known = next((s.start for s in sections if _is_section_name(s.title)),
                       len(document.text))
    front = [s for s in sections if s.start < first_known
             and document.page_at(s.start) in (None, 1) and _as_title(s.title)]
    if front:
        top = min(s.level for s in front)
        return _as_title(next(s.title for s in front if s.level == top))
    if document.format == "pdf" or not document.sentences:
        return ""
    first = document.sentences[0]
    # A line of its own: what follows it on its line is at most a closing bold mark.
    stands_alone = document.text[first.end:].lstrip("*_ \t").startswith("\n")
    return _as_title(document.sentence_text(first)) if stands_alone else ""


def _report_sentences(document: Document) -> list[bool]:
    """Per sentence, whether it belongs to the study's own report: neither the background or
    discussion (other studies, comparisons) nor a reference list."""
    sections = get_context_sections()
    places = sections.places(document)
    references = sections.references
    return [place != CONTEXT
            and not (references and any(references.match(t) for t in titles))
            for place, titles in zip(places, document.sentence_sections, strict=True)]


# A line break after a hyphen, where a PDF's line may end within a number ("ID-RCB 2022-" /
# "A01234-56").
_HYPHEN_BREAK = re.compile(r"(?<=-)[ \t]*\n\s*(?=\w)")


def _numbers_whole(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with every number broken over two lines whole again: the line break after a
    hyphen left out, any other one a space. Also where each cut is in the new text and how many
    characters were left out up to it, to find a match's place in ``text``."""
    pieces: list[str] = []
    cuts: list[int] = []
    removed: list[int] = []
    last = total = 0
    for match in _HYPHEN_BREAK.finditer(text):
        pieces.append(text[last:match.start()])
        cuts.append(match.start() - total)
        total += match.end() - match.start()
        removed.append(total)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces).replace("\n", " "), cuts, removed


def registration_number(document: Document) -> str:
    """The first trial registration number of the study's own report (NCT…, ISRCTN…, an
    EudraCT number…), else its first national authorisation number (ID-RCB), with the
    registry's name before a bare number; one broken over two lines is read whole."""
    own = _report_sentences(document)
    starts = [s.start for s in document.sentences]
    text, cuts, removed = _numbers_whole(document.text)
    found: list[tuple[bool, int, str]] = []
    for registry in get_details_cues().registries:
        for match in registry.pattern.finditer(text):
            cut = bisect_right(cuts, match.start()) - 1
            start = match.start() + (removed[cut] if cut >= 0 else 0)
            index = bisect_right(starts, start) - 1
            if index < 0 or own[index]:
                number = _one_line(match.group())
                found.append((registry.authorisation, start,
                              f"{registry.label} {number}" if registry.label else number))
                break
    return min(found)[2] if found else ""


def _says_where(text: str) -> bool:
    """Whether a sentence says where a study takes place: it names a country right after "in"
    ("in France") or after a place ("in the Lyon area, France", « à Lyon (France) »), neither
    of them after words naming other studies or a comparison ("compared with studies in
    France"). A place before a comma has a name with a capital: "In 2019, France" names none."""
    cues = get_details_cues()
    settings = [*cues.country_setting.finditer(text),
                *(m for m in cues.country_place.finditer(text)
                  if m.group("bracket") or any(c.isupper() for c in m.group("place")))]
    return any(not cues.elsewhere_before.search(text, 0, m.start()) for m in settings)


def _in_back_matter(titles: list[str]) -> bool:
    """Whether a sentence under the section ``titles`` is in a paper's back matter (funding,
    competing interests, acknowledgements, contributions: ``back_matter`` of headings.yaml),
    under a heading or a run-in label, numbered or not."""
    names = back_matter_names()
    return any(name_key(_SECTION_NUMBER.sub("", title.strip(_MARKUP), count=1).rstrip(" .:"))
               in names for title in titles)


def country_code(document: Document) -> str:
    """The country where the study takes place, when its own report names exactly one in the
    sentences saying where it is (see :func:`_says_where`; "recruited in France and Belgium"
    names two), the back matter aside (:func:`_in_back_matter`); else, when it names none,
    the country of the national bodies it names (a CPP, the CNIL), if they are all of one."""
    cues = get_details_cues()
    named: set[str] = set()
    bodies: set[str] = set()
    for sentence, own, titles in zip(document.sentences, _report_sentences(document),
                                     document.sentence_sections, strict=True):
        if not own:
            continue
        text = _one_line(document.sentence_text(sentence))
        # The back matter names the countries of funders, companies and colleagues ("funded
        # by a foundation in Switzerland"), not where the study took place; the national
        # bodies it names (a French PHRC, the CNIL) are still the study's own.
        if _says_where(text) and not _in_back_matter(titles):
            named.update(cues.country_codes[m.group().replace("’", "'")]
                         for m in cues.country_names.finditer(text))
        bodies.update(code for code, pattern in cues.national_bodies if pattern.search(text))
    if not named:  # no sentence says where: the national bodies it deals with, if of one
        named = bodies
    return named.pop() if len(named) == 1 else ""


def study_type_hint(title: str) -> StudyTypeHint | None:
    """The study type the design named in ``title`` suggests (the first rule that matches),
    with the title's words that name it."""
    for rule in get_details_cues().study_type_rules:
        for pattern in rule.patterns:
            match = pattern.search(title)
            if match:
                return StudyTypeHint(rule.study_type, match.group())
    return None
