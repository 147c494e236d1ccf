"""What a document says about itself: its title, kind, language, trial registration number
and country, the design its title (else its own statement of its design) names, and the NPI's
name its title gives, to pre-fill a new assessment's details.

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

from checker.catalogue.patterns import any_pattern
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
    design_headings: re.Pattern[str]  # a section where the study states its design
    design_section_headings: re.Pattern[str]  # a section whose first sentence names it
    design_labels: re.Pattern[str]  # "Design:", "This is", « Il s'agit d' » at a sentence's start
    design_window_words: int
    design_window_end: re.Pattern[str]  # where the words naming the design end
    design_window_negation: re.Pattern[str]  # "not a randomised trial"
    npi_shapes: tuple[re.Pattern[str], ...]  # English then French, each with its group "npi"
    npi_outcome_joined: re.Pattern[str]  # at a name's end: "and weight gain", « et qualité de vie »
    npi_not_names: re.Pattern[str]  # at a name's start: "Evaluating a…", "Design of…"
    npi_not_within: re.Pattern[str]  # anywhere in a name: a design's or a comparison's words
    npi_bad_end: re.Pattern[str]  # at a name's end: "alone and", « centrés »
    npi_arms: re.Pattern[str]  # in a name: the arms listed ("A, B and C", "A or B", "two…")
    npi_comparisons: re.Pattern[str]  # "versus", « comparée à »: two in a title name every arm
    npi_max_words: int


def _either(data: dict, key: str) -> re.Pattern[str]:
    """One case-insensitive pattern of the English and French ones of ``data[key]``."""
    value = data[key]
    patterns = [value] if isinstance(value, str) else [
        p for lang in ("en", "fr") for p in ([value[lang]] if isinstance(value[lang], str)
                                              else value[lang])]
    return any_pattern(tuple(patterns))


def _npi_pattern(pattern: str, data: dict, lang: str) -> str:
    """``pattern`` with its "{controls}" and "{outcomes}" written out in ``lang``."""
    return (pattern.replace("{controls}", data["npi_controls"][lang])
            .replace("{outcomes}", data["npi_outcomes"][lang]))


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
        design_headings=_either(data, "design_headings"),
        design_section_headings=_either(data, "design_section_headings"),
        design_labels=_either(data, "design_labels"),
        design_window_words=int(data["design_window_words"]),
        design_window_end=_either(data, "design_window_end"),
        design_window_negation=re.compile(data["design_window_negation"]),
        npi_shapes=tuple(re.compile(_npi_pattern(p, data, lang), re.IGNORECASE)
                         for lang in ("en", "fr") for p in data["npi_name_shapes"][lang]),
        npi_outcome_joined=re.compile("|".join(
            _npi_pattern(data["npi_outcome_joined"][lang], data, lang) for lang in ("en", "fr")),
            re.IGNORECASE),
        npi_not_names=_either(data, "npi_not_names"),
        npi_not_within=re.compile(data["npi_not_within"]),
        npi_bad_end=re.compile(data["npi_bad_end"]),
        npi_arms=re.compile(data["npi_arms"]),
        npi_comparisons=re.compile(data["npi_comparisons"]),
        npi_max_words=int(data["npi_max_words"]),
    )


@dataclass(frozen=True)
class StudyTypeHint:
    study_type: str  # a catalogue study type id
    words: str  # the words that name the design, verbatim
    source: str = "title"  # "title", or "text": a sentence stating the study's design


@dataclass(frozen=True)
class NpiName:
    name: str  # the NPI's name as the title writes it
    words: str  # the title's words it was read from ("Effect of X on")


@dataclass(frozen=True)
class DocumentDetails:
    """What was read with confidence; "" (or None) where the document was not clear."""

    title: str = ""
    document_kind: str = ""  # "protocol" | "paper"
    language: str = ""  # "en" | "fr"
    reference: str = ""  # a trial registration number
    country: str = ""  # ISO 3166 code ("FR")
    study_type_hint: StudyTypeHint | None = None
    npi_name: NpiName | None = None


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
        study_type_hint=study_type_hint(title) or stated_design(document),
        npi_name=npi_name(title),
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


def _design_places(document: Document) -> list[bool]:
    """Per sentence, whether the study may state its own design there: in its own report (not
    the background, the discussion nor a reference list), and in the front part (before the
    first usual section, or in the abstract) or in a section whose heading is one of
    ``design_headings`` (its methods, its design)."""
    cues = get_details_cues()
    own = _report_sentences(document)
    abstract = get_context_sections().abstract_flags(document)
    first_known = next((s.start for s in document.sections if _is_section_name(s.title)),
                       len(document.text))
    return [is_own and (bool(in_abstract) or sentence.start < first_known
                        or any(cues.design_headings.match(_bare_heading(title))
                               for title in titles))
            for sentence, is_own, in_abstract, titles
            in zip(document.sentences, own, abstract, document.sentence_sections, strict=True)]


def _named_design(text: str) -> tuple[str, re.Match[str]] | None:
    """The study type of the first rule of ``study_type_hints`` matching ``text``, and its
    match."""
    for rule in get_details_cues().study_type_rules:
        for pattern in rule.patterns:
            match = pattern.search(text)
            if match:
                return rule.study_type, match
    return None


def design_in_sentence(text: str, *, opens_design: bool = False) -> StudyTypeHint | None:
    """The design a sentence states as the study's own: after one of ``design_labels`` at its
    start, or from its start when it ``opens_design`` (the first sentence under a "Study
    design" heading), in the few words that follow (see the cues), with none of the negations
    before the design; the words quoted run from the sentence's start to the design's."""
    cues = get_details_cues()
    text = _one_line(text).lstrip(_MARKUP)
    label = cues.design_labels.match(text)
    if label is None and not opens_design:
        return None
    label_end = label.end() if label is not None else 0
    rest = text[label_end:]
    words = list(re.finditer(r"\S+", rest))
    window = rest[:words[cues.design_window_words - 1].end()] \
        if len(words) >= cues.design_window_words else rest
    end = cues.design_window_end.search(window)
    # The label's own words count ("A randomised, open-label trial was performed").
    window = text[:label_end] + (window[:end.start()] if end else window)
    found = _named_design(window)
    if found is None or cues.design_window_negation.search(window, 0, found[1].start()):
        return None
    study_type, match = found
    return StudyTypeHint(study_type, text[:match.end()].strip(), "text")


def _bare_heading(title: str) -> str:
    return _SECTION_NUMBER.sub("", title.strip(_MARKUP), count=1)


def stated_design(document: Document) -> StudyTypeHint | None:
    """The design the document states as its own in its first sentence that does so (see
    :func:`_design_places` and :func:`design_in_sentence`)."""
    cues = get_details_cues()
    section = None
    for sentence, place in zip(document.sentences, _design_places(document), strict=True):
        if document.is_heading(sentence):
            continue
        first = sentence.section != section
        section = sentence.section
        if place:
            opens = first and bool(sentence.section) and cues.design_section_headings.match(
                _bare_heading(sentence.section)) is not None
            hint = design_in_sentence(document.sentence_text(sentence), opens_design=opens)
            if hint is not None:
                return hint
    return None


def npi_name(title: str) -> NpiName | None:
    """The NPI's name ``title`` gives in one of the usual shapes (``npi_name_shapes``: "Effect of
    X on Y", "X for Y: protocol for a randomised trial", "X versus usual care", « Effet de X sur
    Y »…): the first shape that reads a name that can be one (see the cues), without an outcome
    joined to it by "and" ("Exercise training and weight gain in…"). None when the title makes
    two comparisons before its subtitle ("A versus B versus C"), or when a shape reads a name
    too long to be one, listing the study's arms ("A, B and C", "Manual and Electroacupuncture":
    two sharing their head word), ending on a word that wants what follows ("alone and"), or
    whose end is not clear (the word after it comes again before the subtitle, after a design's
    words: "Effects of the Girls on the Move randomized trial on adiposity"). A wrong name costs
    more than none: a person would have to see it is wrong."""
    cues = get_details_cues()
    title = _one_line(title)
    if len(cues.npi_comparisons.findall(title.split(":")[0])) > 1:
        return None
    for shape in cues.npi_shapes:
        match = shape.match(title)
        if match is None:
            continue
        name = match.group("npi").strip(" ,")
        outcome = cues.npi_outcome_joined.search(name)
        if outcome is not None:
            name = name[:outcome.start()]
        if (len(name.split()) > cues.npi_max_words or cues.npi_bad_end.search(name)
                or cues.npi_arms.search(name)):
            return None
        # The word that ends the name comes again before the subtitle, after a design's words:
        # the name ran on to them ("Effects of the Girls on the Move randomized trial on
        # adiposity"), and where it ends is not clear.
        after = title[match.end("npi"):].split(":")[0].split()
        if after and after[0] in after[1:] and cues.npi_not_within.search(
                " ".join(after[:after.index(after[0], 1)])):
            return None
        if (name and ":" not in name and not re.search(r"\s[-–—]\s", name)
                and not cues.npi_not_names.match(name) and not cues.npi_not_within.search(name)):
            return NpiName(name, match.group().strip())
    return None
