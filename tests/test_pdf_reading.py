"""PDF reading: running heads and page numbers left out, line-end hyphenation resolved."""

from __future__ import annotations

import pytest

from checker.documents import extract_document
from checker.documents.hyphenation import (
    Spelling,
    keeps_line_end_hyphen,
    spelling_of,
    text_words,
)
from checker.documents.pdf import PdfPage, drop_running_lines
from checker.documents.typography import StyledLine
from checker.evidence.features import matching_text, readable_text

WORDS = ("one", "two", "three", "four", "five", "six", "seven")


def _body(page: int) -> list[str]:
    """Six lines of running text, other words on each page (digits do not tell lines apart)."""
    return [f"Line {word} of page {WORDS[page - 1]} about the walking programme."
            for word in WORDS[:6]]


def _page(*lines: str) -> PdfPage:
    return PdfPage("\n".join(lines), [StyledLine(line, 10.0, False, True) for line in lines])


def _texts(pages: list[PdfPage]) -> list[list[str]]:
    return [page.text.split("\n") for page in drop_running_lines(pages)]


def test_alternating_running_heads_are_dropped_on_an_odd_page_count() -> None:
    """Authors on even pages, the journal on odd ones: each sits on fewer than half the pages
    of a 7-page paper, and the first page has a head of its own."""
    pages = [_page("Contents lists available at ScienceDirect", *_body(1), "1")]
    for number in range(2, 8):
        head = "Smith AB, Jones CD" if number % 2 == 0 else "BMJ Open 2024;14:e081234"
        body = _body(number)
        pages.append(_page(*body, head, str(number)))
    texts = _texts(pages)
    assert texts[0] == ["Contents lists available at ScienceDirect", *_body(1)]  # said once
    assert texts[1:] == [_body(number) for number in range(2, 8)]


def test_each_page_keeps_the_running_heads_left_out_of_it() -> None:
    """The running heads left out of a page are kept apart (they may name the journal whose
    name heads the first page); its page numbers are not."""
    pages = [_page(*_body(number), f"Smith et al. Trials (2026) 27:{number}", str(number))
             for number in (1, 2, 3)]
    assert [page.running for page in drop_running_lines(pages)] == [
        (f"Smith et al. Trials (2026) 27:{number}",) for number in (1, 2, 3)]


def test_a_running_head_that_differs_on_the_first_page_is_dropped() -> None:
    head = "Revue française de psychiatrie clinique Lefèvre C et al. TCC-I de groupe"
    first = "Revue française de psychiatrie clinique https://doi.org/10.1016/j.rfpc"
    pages = [_page(first, *_body(1)), _page(*_body(2), head), _page(*_body(3), head)]
    assert _texts(pages) == [[first, *_body(1)], _body(2), _body(3)]


def test_a_two_page_document_loses_its_running_head_and_page_numbers() -> None:
    pages = [_page(*_body(1), "Journal of Physiotherapy Research Letters", "Page 1 of 2"),
             _page(*_body(2), "Journal of Physiotherapy Research Letters", "Page 2 of 2")]
    assert _texts(pages) == [_body(1), _body(2)]


@pytest.mark.parametrize("number", ["Page 1 of 1", "page 1", "1/1", "- 1 -", "\u2013 1 \u2013",
                                    "Page 1 sur 1"])
def test_an_explicit_page_number_is_dropped_on_a_single_page(number: str) -> None:
    assert _texts([_page(*_body(1), number)]) == [_body(1)]


def test_a_two_page_document_loses_its_bare_page_numbers() -> None:
    """A two-page paper numbered "1" and "2" at the foot of its pages: each page's own
    number, on both, is a page number, not a table's last cell (it would end the sentence
    that runs on to the next page: "… in FACIT-Fatigue 1 […] (SD 8) …")."""
    # The paper has bare numbers of its own too (an affiliation's mark, a table's cell), so
    # that a bare number is no running head: each page's own number still goes.
    first = [*_body(1)[:3], "3", *_body(1)[3:]]
    assert _texts([_page(*first, "1"), _page(*_body(2), "2")]) == [first, _body(2)]
    assert _texts([_page("1", *first), _page("2", *_body(2))]) == [first, _body(2)]
    # Not each page's own number: kept.
    assert _texts([_page(*first, "12"), _page(*_body(2), "2")]) == [
        [*first, "12"], [*_body(2), "2"]]
    assert _texts([_page(*first), _page(*_body(2), "2")]) == [first, [*_body(2), "2"]]


def test_short_documents_keep_their_real_lines() -> None:
    """A bare number may end a table; a title said again in the text is no running head."""
    title = "Walking after stroke: a randomised trial"
    assert _texts([_page(title, *_body(1), "12")]) == [[title, *_body(1), "12"]]
    second = [*_body(2)[:3], title, *_body(2)[3:]]
    assert _texts([_page(title, *_body(1)), _page(*second)]) == [[title, *_body(1)], second]


def test_the_title_stays_when_the_running_head_repeats_it() -> None:
    """Word's "different first page" header: the later pages' head is the title, set large
    on the first page, where it is the title and no running head."""
    title = "KNEE-TEL: telehealth exercise for knee osteoarthritis"
    first = PdfPage("\n".join([title, *_body(1)]),
                    [StyledLine(title, 16.0, True, True),
                     *(StyledLine(line, 10.0, False, True) for line in _body(1))])
    later = [_page(title, *_body(number)) for number in (2, 3)]
    for page in later:
        page.lines[0] = StyledLine(title, 8.0, False, True)
    assert _texts([first, *later]) == [[title, *_body(1)], _body(2), _body(3)]


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


SENTENCE = ("Participants in the supervised exercise group will attend a circuit class twice a "
            "week, and the physiotherapist will record attendance, the exercises completed and "
            "any adverse event in a standardised log reviewed every month. ")


def test_pdf_with_alternating_heads_keeps_its_sentences_whole() -> None:
    css = ("@page { size: A6; margin: 2cm 1.5cm; @bottom-center { content: counter(page);"
           " font-size: 7pt } } @page :left { @top-left { content: 'Smith AB, Jones CD';"
           " font-size: 7pt } } @page :right { @top-right { content: 'BMJ Open 2024;14:e081234';"
           " font-size: 7pt } } body { font-size: 9pt; hyphens: none }")
    doc = extract_document(_pdf(f"<html lang=en><head><style>{css}</style></head><body>"
                                f"<p>{SENTENCE * 33}</p></body></html>"), "heads.pdf")
    assert len(doc.pages) % 2 == 1 and len(doc.pages) >= 5
    assert "Smith AB" not in doc.text and "BMJ Open" not in doc.text
    assert all(doc.sentence_text(s).startswith("Participants") for s in doc.sentences)


def test_two_page_pdf_sentence_runs_on_past_its_running_head() -> None:
    css = ("@page { size: A6; margin: 2cm 1.5cm; @top-center { content: 'Journal of"
           " Physiotherapy Research Letters'; font-size: 7pt } @bottom-center { content: 'Page '"
           " counter(page) ' of ' counter(pages); font-size: 7pt } }"
           " body { font-size: 9pt; hyphens: none }")
    doc = extract_document(_pdf(f"<html lang=en><head><style>{css}</style></head><body>"
                                f"<p>{SENTENCE * 7}</p></body></html>"), "short.pdf")
    assert len(doc.pages) == 2
    assert "Journal of" not in doc.text and "Page " not in doc.text
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert len(texts) == 7 and all(t.startswith("Participants") for t in texts)


@pytest.mark.parametrize(("head", "tail", "kept"), [
    ("consente", "ment", False),  # never written whole in the document: still one word
    ("indési", "rables", False),
    ("puis", "sance", False),  # "puis" is a word, "sance" is not
    ("ran", "domised", False),
    ("care", "less", False),  # an ending, though both halves are words
    ("be", "cause", False),  # a short head is a syllable
    ("double", "blind", True),  # both halves are words of the document
    ("computer", "generated", True),
    ("follow", "up", True),  # written "follow-up" elsewhere
    ("self", "reported", True),
    ("non", "infériorité", True),
    ("sous", "groupe", True),
    ("intention-to", "treat", True),
    ("c'est-à", "dire", True),
    ("self-ef", "ficacy", False),  # a compound whose last word is split
    ("Sud", "Est", True),
    ("COVID", "19", True),
    ("t", "test", True),
    ("CON", "SORT", False),
    ("NC", "T01761331", False),
    ("celle", "ci", True),
    ("web", "based", True),  # compound words of trial reports, even written nowhere else
    ("placebo", "controlled", True),
    ("assessor", "blinded", True),
    ("bien", "être", True),
    ("contre", "indication", True),
    ("in", "person", True),  # known compounds of a short word, though "in-" is a syllable
    ("on", "site", True),
    ("off", "label", True),
    ("mi", "parcours", True),
    ("in", "dependent", False),  # two words of the document, but "in" is a syllable
])
def test_line_end_hyphen_rule(head: str, tail: str, kept: bool) -> None:
    words = text_words("The double-blind, computer generated follow-up was reported by a "
                       "dependent person on site, in a "
                       "patients in a sous groupe, who were able to say why: less care may be "
                       "the cause. Participants "
                       "were ran-\ndomised; puis l'ensemble a été analysé. Le consente-\nment.")
    assert keeps_line_end_hyphen(head, tail, words) is kept


@pytest.mark.parametrize(("text", "expected"), [
    # A grant number written with hyphens, split at one of them: its hyphen stays.
    ("funded by the NIHR (PB-\nPG-0817-20012).", "funded by the NIHR (PB-PG-0817-20012)."),
    ("Grant ANR-\nPRME-2021-001.", "Grant ANR-PRME-2021-001."),
    # A word in capitals, or an identifier without hyphens, split by the typesetter.
    ("the CON-\nSORT statement", "the CONSORT statement"),
    ("registered as NC-\nT01761331.", "registered as NCT01761331."),
])
def test_an_identifier_split_at_its_own_hyphen_keeps_it(text: str, expected: str) -> None:
    assert readable_text(text, Spelling(text_words(text))) == expected


def test_the_halves_of_a_split_word_are_no_words_of_the_document() -> None:
    words = text_words("Le consente\u2010\nment écrit. Le critère de non-infériorité.")
    assert "consente" not in words and "ment" not in words
    assert {"non-infériorité", "non", "infériorité", "écrit"} <= words


def test_matching_and_readable_text_resolve_hyphens_alike() -> None:
    text = ("Tous ont donné leur consente\u2010\nment écrit, avec une puis\u2010\nsance de 90 %, "
            "en double-\naveugle, dans le CPP Sud-\nEst.")
    words = Spelling(text_words(text + " Un essai en double aveugle."))
    expected = ("Tous ont donné leur consentement écrit, avec une puissance de 90 %, en "
                "double-aveugle, dans le CPP Sud-Est.")
    assert matching_text(text, words) == expected
    assert readable_text(text, words) == expected
    assert matching_text("un trai\u00ad\ntement", words) == "un traitement"  # a soft hyphen


@pytest.mark.parametrize(("text", "expected"), [
    ("after chemotherapy and/\nor radiotherapy", "after chemotherapy and/or radiotherapy"),
    ("une chimiothérapie et/\n ou une radiothérapie", "une chimiothérapie et/ou une radiothérapie"),
    ("see https://doi.org/\n10.1186/s13063", "see https://doi.org/10.1186/s13063"),
    # A slash above a list's item or a section's name joins nothing.
    ("the outcomes are pain/\n1. Pain at rest", "the outcomes are pain/ 1. Pain at rest"),
    ("the outcomes are pain/\na) pain at rest", "the outcomes are pain/ a) pain at rest"),
    ("the outcomes are pain/\n• pain at rest", "the outcomes are pain/ • pain at rest"),
    ("pain/\nMethods", "pain/ Methods"),
    ("the ratio is 1 /\n2", "the ratio is 1 / 2"),  # a slash set apart by a space
])
def test_a_slash_at_a_line_end_joins_its_words(text: str, expected: str) -> None:
    assert readable_text(text, Spelling()) == expected
    assert matching_text(text, Spelling()) == expected


def test_a_text_copied_from_a_pdf_joins_the_words_around_a_line_end_slash() -> None:
    text = ("Participants will receive chemotherapy and/\nor radiotherapy according to the "
            "local\nprotocol of each centre, as decided by the treating oncologist at\n"
            "inclusion in the study before randomisation.\n")
    doc = extract_document(text.encode(), "copied.txt")
    assert "chemotherapy and/or radiotherapy" in doc.sentence_text(doc.sentences[0])


@pytest.mark.parametrize("quote", ["chemotherapy and/or radiotherapy",
                                   "chemotherapy and/ or radiotherapy"])
def test_a_quotation_across_a_line_end_slash_is_found(quote: str) -> None:
    from checker.evidence.quotes import locate_quotation

    text = "They received chemotherapy and/\nor radiotherapy."
    assert locate_quotation(text, quote, tolerant_whitespace=True) == (14, 47)


def test_a_text_with_form_feeds_is_read_by_page_without_running_heads() -> None:
    """pdftotext writes a PDF's pages separated by form feeds: the pages are numbered and
    their running heads and page numbers left out, as in the PDF itself."""
    head = "BMJ Open 2024;14:e080001"
    pages = [f"{head}\n\n" + "\n".join(_body(n)) + f"\n\n{n}\n" for n in (1, 2, 3)]
    pages[1] = pages[1].replace("programme.\n\n2", "programme, which runs on to\n\n2")
    pages[2] = pages[2].replace(f"{head}\n\n", f"{head}\n\nthe next page here.\n")
    doc = extract_document("\f".join(pages).encode(), "protocol.txt")
    assert len(doc.pages) == 3 and head not in doc.text
    running = next(s for s in doc.sentences if "runs on to" in doc.sentence_text(s))
    assert doc.sentence_text(running).endswith("the next page here.")
    assert [s.page for s in doc.sentences][-1] == 3


@pytest.mark.parametrize("next_page", ["(SD 8) at a two-sided alpha of 0.05.",
                                       "[SD 8] at a two-sided alpha of 0.05."])
def test_a_sentence_runs_on_to_a_page_that_opens_with_a_bracket(next_page: str) -> None:
    """A page that opens with a bracket goes on with the sentence the page before left
    open ("… a difference of 4 points in FACIT-Fatigue" / "(SD 8) at …"), as one that opens
    in lower case does."""
    pages = ["\n".join(_body(1)) + "\nA sample of 168 gave 90% power to detect 4 points in "
             "FACIT-Fatigue\n\n1\n", f"{next_page}\n" + "\n".join(_body(2)) + "\n\n2\n",
             "\n".join(_body(3)) + "\n\n3\n"]
    doc = extract_document("\f".join(pages).encode(), "paper.txt")
    sample = next(s for s in doc.sentences if "A sample of 168" in doc.sentence_text(s))
    assert " ".join(doc.sentence_text(sample).split()).endswith(
        f"FACIT-Fatigue {next_page}")


def test_a_table_set_smaller_does_not_run_on_into_the_text_after_it() -> None:
    html = ("<html lang=en><head><style>body { font-size: 11pt } table { font-size: 8pt }"
            "</style></head><body><p>The groups were similar at baseline.</p>"
            "<table><tr><td>Women, n (%)</td><td>29 (23.2)</td><td>31 (24.8)</td></tr></table>"
            "<p>At 12 months, mean HbA1c decreased by 0.62% in the education arm.</p>"
            "</body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    assert "At 12 months, mean HbA1c decreased by 0.62% in the education arm." in texts


ABSTRACT = ("Walking speed is often reduced after a stroke and limits participation in daily "
            "life. We will test a supervised walking programme delivered in twelve "
            "rehabilitation centres. ")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_author_line_set_in_the_body_size_ends_before_the_abstract(lang: str) -> None:
    """Authors and affiliation in the body size, with no stop, a paragraph's space above the
    abstract: three blocks, not one sentence. A line broken inside a sentence at the usual
    line spacing still runs on, whatever the next line starts with."""
    html = (f"<html lang={lang}><head><style>body {{ font-size: 10pt }} h1 {{ font-size: 16pt }}"
            " p { margin: 0 0 6pt }</style></head><body>"
            "<h1>Walking after stroke: a randomised trial</h1>"
            "<p>Marie Dupont, Jean Martin, Claire Petit</p>"
            "<p>Department of Neurology, University Hospital of Lyon, France</p>"
            f"<p>{ABSTRACT * 3}Anxiety will be measured with the<br>Hospital Anxiety and "
            "Depression Scale at baseline and at 12 months.</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    assert texts[1:4] == ["Marie Dupont, Jean Martin, Claire Petit",
                          "Department of Neurology, University Hospital of Lyon, France",
                          "Walking speed is often reduced after a stroke and limits "
                          "participation in daily life."]
    assert ("Anxiety will be measured with the Hospital Anxiety and Depression Scale at "
            "baseline and at 12 months.") in texts


@pytest.mark.parametrize(("lang", "sentence", "compound"), [
    ("en", "Sessions will be delivered in-person in the twelve centres.", "in-person"),
    ("fr", "Les séances auront lieu à mi-parcours dans les douze centres.", "mi-parcours"),
])
def test_a_compound_of_a_short_word_broken_at_its_hyphen_keeps_it(
        lang: str, sentence: str, compound: str) -> None:
    """The line breaks after the compound's own hyphen, and "in" and "person" are words of
    the document: still "in-person", not "inperson"."""
    html = (f"<html lang={lang}><head><style>body {{ font-size: 10pt; width: 60mm }}"
            f"</style></head><body><p>{sentence}</p><p>A person in the trial.</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    head = compound.split("-")[0]
    assert f"{head}-\n" in doc.text  # broken at the hyphen, as the test means
    spelling = spelling_of(doc.text)
    assert compound in readable_text(doc.sentence_text(doc.sentences[0]), spelling)
    assert compound in matching_text(doc.sentence_text(doc.sentences[0]), spelling)



def _first_sentence_read(html: str, cut: str) -> tuple[str, str]:
    """The PDF's first sentence as a person reads it and as the cues see it, once the test
    has checked its line ends at ``cut``, as it means."""
    doc = extract_document(_pdf(html), "paper.pdf")
    assert f"{cut}\n" in doc.text
    spelling = spelling_of(doc.text)
    sentence = doc.sentence_text(doc.sentences[0])
    return readable_text(sentence, spelling), matching_text(sentence, spelling)


@pytest.mark.parametrize(("lang", "lines", "read"), [
    ("en", "All participants will complete the pre-<br>and post-test questionnaires.",
     "All participants will complete the pre- and post-test questionnaires."),
    ("fr", "Les douleurs pré-<br>et post-opératoires seront mesurées.",
     "Les douleurs pré- et post-opératoires seront mesurées."),
])
def test_a_hanging_hyphen_at_a_pdf_line_end_is_left_hanging(lang: str, lines: str,
                                                            read: str) -> None:
    """A hyphen left for the compound's second half to come ("pre-" / "and post-test") is
    read as the copied-text reader reads it, not as a word cut in two ("preand")."""
    html = (f"<html lang={lang}><head><style>body {{ font-size: 10pt }}</style></head>"
            f"<body><p>{lines}</p><p>The treatment is given at home.</p></body></html>")
    hanging = lines.split("<br>")[0].split()[-1]  # "pre-", "pré-"
    assert _first_sentence_read(html, hanging) == (read, read)


def test_a_pdf_set_without_hyphenation_keeps_every_line_end_hyphen() -> None:
    """A word processor set not to hyphenate breaks lines only at compounds' own hyphens: the
    document's spelling shows it ("double-blind", "person-centred" written on one line
    elsewhere), so a compound whose halves it writes nowhere else keeps its hyphen too."""
    html = ("<html lang=en><head><style>body { font-size: 10pt }</style></head><body>"
            "<p>The trial is double-<br>blind and person-<br>centred; ill-<br>equipped "
            "centres will not take part.</p>"
            "<p>A double-blind, person-centred design.</p></body></html>")
    readable, matching = _first_sentence_read(html, "ill-")
    assert readable == matching == ("The trial is double-blind and person-centred; "
                                    "ill-equipped centres will not take part.")


CRITERIA = ["Adults aged 18 to 70 years.", "Able to walk ten metres without help.",
            "Written informed consent given."]
LIST_INTRO = "Participants must meet all of these criteria:"
AFTER_LIST = "They will be screened by a research nurse."
LIST = f"<ol>{''.join(f'<li>{item}</li>' for item in CRITERIA)}</ol>"


def _items(mark: str) -> str:
    return "".join(f"<p>{n}{mark} {item}</p>" for n, item in enumerate(CRITERIA, 1))


@pytest.mark.parametrize(("css", "intro", "items"), [
    # The numbers drawn apart from the items, after them (WeasyPrint's list markers).
    ("", LIST_INTRO, LIST),
    ("@counter-style paren { system: extends decimal; suffix: ') ' } ol { list-style: paren }",
     LIST_INTRO, LIST),
    ("p { margin: 0 }", LIST_INTRO, _items(".")),  # the items' lines run on from the colon
    ("", "Inclusion criteria:", _items(".")),  # under a heading set in the body type
])
def test_pdf_list_items_read_as_in_a_text(css: str, intro: str, items: str) -> None:
    """An ordered list's numbers ("1.", "2)") are no sentences of their own, nor the end of
    the sentence above: each item is a sentence without its number, as in a plain text, and
    every sentence is the document's text at its span."""
    html = (f"<html lang=en><head><style>body {{ font-size: 10pt }} {css}</style></head><body>"
            f"<h1>Walking after stroke</h1><p>{ABSTRACT}</p><p>{intro}</p>{items}"
            f"<p>{AFTER_LIST}</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    plain = "\n".join([intro, *(f"{n}. {item}" for n, item in enumerate(CRITERIA, 1)),
                       AFTER_LIST])
    typed = extract_document(plain.encode(), "paper.txt")
    assert intro in texts
    assert texts[texts.index(intro):] == [typed.sentence_text(s) for s in typed.sentences]
    assert all(doc.text[s.start:s.end] == doc.sentence_text(s) for s in doc.sentences)


PDF_TITLE = ("Scaling up a group falls-prevention exercise programme in primary care: protocol "
             "for a hybrid type 2 effectiveness-implementation study")
PDF_COVER = ["Authors: Jane Okafor, Peter Lindqvist, Amira Haddad.",
             "Registration: ISRCTN 12345678.", "Version 2.0, 3 March 2026."]
FALLS = "Falls are the leading cause of injury-related admission among older people."


@pytest.mark.parametrize(("head", "section_tag"), [
    ("", "h2"),  # the title set larger than the sections, all of them under it
    ("", "h1"),  # the title and the sections set alike
    # a journal's line above the title, in the body size
    ("<p>Implementation Science (2026) 21:14</p>", "h2"),
], ids=["sections-under-the-title", "sections-beside-the-title", "journal-line-first"])
def test_the_cover_lines_under_a_pdfs_title_are_in_no_section(head: str,
                                                              section_tag: str) -> None:
    """A PDF's title, its first heading set largest on the first page, names the document,
    not the authors, registration and version lines under it: quoted, they are in no section
    (the title stays the document's title, for the details read from it)."""
    from checker.evidence.stated_details import document_title

    html = ("<html lang=en><head><style>body { font-size: 10pt } h1 { font-size: 16pt }"
            " h2 { font-size: 11.5pt }</style></head><body>"
            f"{head}<h1>{PDF_TITLE}</h1><p>{' '.join(PDF_COVER)}</p>"
            f"<{section_tag}>1. Background</{section_tag}><p>{FALLS}</p>"
            f"<{section_tag}>2. Aims</{section_tag}><p>We will test the programme.</p>"
            "</body></html>")
    doc = extract_document(_pdf(html), "protocol.pdf")
    texts = {" ".join(doc.sentence_text(s).split()): s for s in doc.sentences}
    for line in PDF_COVER:
        assert texts[line].section == ""
    assert texts[FALLS].section == "1. Background"
    assert document_title(doc) == PDF_TITLE


@pytest.mark.parametrize("first", ["Abstract", "Background", "Why walking matters"])
def test_a_pdf_opening_on_a_section_keeps_its_first_lines_in_it(first: str) -> None:
    """A first heading that is a section's (a usual name, or a short one) is no title."""
    html = ("<html lang=en><head><style>body { font-size: 10pt } h1 { font-size: 16pt }"
            f"</style></head><body><h1>{first}</h1><p>{FALLS}</p><h1>Methods</h1>"
            "<p>A randomised trial in twelve practices.</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    assert _sentence_with(doc, "Falls are the leading").section == first


def _sentence_with(doc, needle: str):
    return next(s for s in doc.sentences if needle in doc.sentence_text(s))


def _first_page(journal: str, band: str = "", title: str = PDF_TITLE) -> str:
    """A paper's first page: the journal's name set larger than its title, over ``band``
    (more lines of the header band), the title, the cover lines and two sections."""
    return ("<html lang=en><head><style>body { font-size: 10pt } h1 { font-size: 16pt }"
            " .journal { font-size: 22pt } h2 { font-size: 11.5pt }</style></head><body>"
            f"<p class=journal>{journal}</p>{band}<h1>{title}</h1><p>{' '.join(PDF_COVER)}</p>"
            f"<h2>1. Background</h2><p>{FALLS}</p>"
            "<h2>2. Aims</h2><p>We will test the programme.</p></body></html>")


@pytest.mark.parametrize(("journal", "band"), [
    ("BMJ Open", ""),
    ("Trials", "<p>Smith et al. Trials (2026) 27:14</p><p>STUDY PROTOCOL</p>"),
    ("JMIR Research Protocols", ""),
    ("Kinésithérapie, la Revue", ""),
    # a name long enough to read as a title, known from the list of journals' names
    ("International Journal of Environmental Research and Public Health", ""),
    # a name the list does not hold, short, in the header band above the title
    ("Physio Matters", "<p>Smith et al. Physio Matters (2026) 3:14</p><p>Open Access</p>"),
], ids=["bmj-open", "trials", "jmir", "kinesitherapie", "long-name", "band"])
def test_a_journals_name_heading_the_first_page_is_no_title_nor_section(journal: str,
                                                                       band: str) -> None:
    """A journal's name set in large type at the head of the first page is a line of its
    own, but neither the document's title nor a section holding the title and the cover."""
    from checker.evidence.stated_details import document_title

    doc = extract_document(_pdf(_first_page(journal, band)), "paper.pdf")
    assert [s.title for s in doc.sections] == [PDF_TITLE, "1. Background", "2. Aims"]
    assert document_title(doc) == PDF_TITLE
    texts = {" ".join(doc.sentence_text(s).split()): s for s in doc.sentences}
    assert texts[journal].section == ""
    for line in PDF_COVER:
        assert texts[line].section == ""
    assert texts[FALLS].section == "1. Background"


def _paper(journal: str, running_head: str, title: str) -> str:
    """A paper of five A6 pages: the journal's name (if any) set larger than the ``title`` on
    the first page, and ``running_head`` at the head of the later pages."""
    css = ("@page { size: A6; margin: 2cm 1.5cm } @page :first { @top-center { content: none } }"
           f" @page {{ @top-center {{ content: '{running_head}'; font-size: 7pt }} }}"
           " body { font-size: 9pt } h1 { font-size: 14pt } .journal { font-size: 18pt }"
           " h2 { font-size: 10.5pt }")
    masthead = f"<p class=journal>{journal}</p>" if journal else ""
    return (f"<html lang=en><head><style>{css}</style></head><body>{masthead}<h1>{title}</h1>"
            f"<p>{PDF_COVER[2]}</p><h2>1. Background</h2><p>{FALLS} {SENTENCE * 12}</p>"
            f"<h2>2. Aims</h2><p>{SENTENCE * 8}</p></body></html>")


@pytest.mark.parametrize(("journal", "running_head", "title"), [
    # a name of six words or more, unknown to the list, above the title
    ("Northern Physiotherapy and Rehabilitation Science Review",
     "Northern Physiotherapy and Rehabilitation Science Review 2026;3:14", PDF_TITLE),
    # a short name above a title too short to read as one
    ("Walking Science", "Smith et al. Walking Science (2026) 3:14", "Walking after stroke"),
], ids=["long-name", "short-title"])
def test_a_journals_name_the_running_heads_repeat_is_no_title_nor_section(
        journal: str, running_head: str, title: str) -> None:
    """A journal's name the later pages repeat in their running heads names the journal,
    though neither the list of journals' names nor the header band tells it."""
    from checker.evidence.stated_details import document_title

    doc = extract_document(_pdf(_paper(journal, running_head, title)), "paper.pdf")
    assert len(doc.pages) >= 3
    assert journal not in [" ".join(s.title.split()) for s in doc.sections]
    lines = {" ".join(doc.sentence_text(s).split()): s for s in doc.sentences}
    assert lines[journal].section == ""  # its line, wrapped on the narrow page
    assert _sentence_with(doc, "Falls are the leading").section == "1. Background"
    if title == PDF_TITLE:
        assert " ".join(document_title(doc).split()) != journal
        assert _sentence_with(doc, PDF_COVER[2]).section == ""


@pytest.mark.parametrize("title", [
    "Supervised walking after stroke: a randomised controlled trial protocol",
    "Walking after stroke",  # too short for the reader's title, but the details' title
])
def test_a_title_the_running_heads_repeat_stays_the_title(title: str) -> None:
    """A title repeated as the later pages' running head is the title, not a journal's name,
    however short."""
    from checker.evidence.stated_details import document_title

    doc = extract_document(_pdf(_paper("", title, title)), "paper.pdf")
    assert document_title(doc) == title
    assert doc.sections[0].title == title


def test_a_short_first_heading_over_running_text_stays_a_section() -> None:
    """A short heading is in no header band when running text stands between it and a
    longer heading: it is the section the document opens on."""
    html = ("<html lang=en><head><style>body { font-size: 10pt } h1 { font-size: 16pt }"
            f"</style></head><body><h1>Why walking matters</h1><p>{SENTENCE}</p>"
            "<h1>How the supervised walking programme will be delivered</h1>"
            f"<p>{FALLS}</p><h1>Methods</h1><p>A randomised trial.</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    assert doc.sections[0].title == "Why walking matters"
    assert _sentence_with(doc, "Participants in the supervised").section == "Why walking matters"


@pytest.mark.parametrize(("line", "journal"), [
    ("BMJ Open", True), ("TRIALS", True), ("JMIR Research Protocols", True),
    ("Kinésithérapie, la Revue", True), ("Journal of Physiotherapy", True),
    ("Scandinavian Journal of Medicine & Science in Sports", True),
    ("Annales de réadaptation et de médecine physique", True),
    ("Revue d’épidémiologie et de santé publique", True),
    # titles that speak of a journal or a review
    ("Keeping a food journal for weight loss: a randomised trial", False),
    ("A journal club for nurses", False),
    ("Revue de la littérature sur la marche après un AVC", False),
    ("Trials of walking after stroke", False), (PDF_TITLE, False),
])
def test_journals_names_are_told_from_titles(line: str, journal: bool) -> None:
    from checker.documents.masthead import is_journal_name

    assert is_journal_name(line) is journal


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Protocol version 2.0, 14 October 2026", "Trial registration: ClinicalTrials.gov "
            "NCT06543210", "Sponsor: University Hospital of Lyon, Research Directorate, 3 quai "
            "des Célestins, 69002 Lyon, France", "Chief investigator: Dr Helen Marchand"]),
    ("fr", ["Version 2.1 du 14 octobre 2026", "Numéro ID-RCB : 2026-A01234-45",
            "Enregistrement : ClinicalTrials.gov NCT06543210", "Promoteur : Hospices Civils de "
            "Lyon, Direction de la Recherche en Santé, 3 quai des Célestins, 69002 Lyon",
            "Investigatrice coordonnatrice : Dr Hélène Marchand"]),
])
def test_a_title_page_s_labelled_lines_are_each_a_sentence(lang: str, lines: list[str]) -> None:
    """A title page's lines, centred with no space between them, each open with a label
    ("Sponsor:", « Promoteur : »): each is a sentence of its own, so that a registration
    is quoted as its line, not as the whole page (a walkthrough's E03 quoted sponsor,
    investigators and centres). A page of centred lines has no column's edges to measure a
    line's end against: the page's widest text is the measure. A label line wrapped inside
    its width goes on."""
    html = (f"<html lang={lang}><head><style>body {{ font-size: 11pt; text-align: center }}"
            " h1 { font-size: 16pt } p { margin: 0 }</style></head><body>"
            "<h1>Group cognitive behavioural therapy for insomnia in older adults</h1>"
            + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>")
    doc = extract_document(_pdf(html), "protocol.pdf")
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    for line in lines:
        assert line in texts


@pytest.mark.parametrize("bullet", ["•", "\uf0b7"])
def test_pdf_bullet_items_are_each_a_sentence(bullet: str) -> None:
    """Items opened by a bullet, ending with a semicolon as French criteria do, are each a
    sentence, not one of the whole list. A symbol font's bullet (Word's and LibreOffice's
    default: U+F0B7 in the PDF's text) is read as "•", never shown as an empty box."""
    items = ["âge de 65 ans ou plus ;",
             "insomnie chronique selon les critères du DSM-5 depuis au moins 3 mois ;",
             "consentement libre, éclairé et écrit."]
    html = ("<html lang=fr><head><style>body { font-size: 10pt } p { margin: 0 }</style>"
            "</head><body><h1>Population</h1><p>Critères d'inclusion :</p>"
            + "".join(f"<p>{bullet} {item}</p>" for item in items)
            + "<p style='margin-top: 1em'>Les patients seront vus en consultation.</p>"
            "</body></html>")
    doc = extract_document(_pdf(html), "protocole.pdf")
    assert "\uf0b7" not in doc.text
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    for item in items:
        assert item in texts


@pytest.mark.parametrize(("lang", "title", "authors", "affiliations", "first"), [
    ("en", "Supervised walking after myocardial infarction: a randomised trial",
     "Jane Okafor¹, Peter Lindqvist² and Amira Haddad¹,³",
     ["¹ Department of Cardiology, Royal Infirmary, Leeds, UK",
      "² School of Health Sciences, University of Leeds, Leeds, UK"], "Introduction"),
    ("fr", "Effet d'un programme diététique après infarctus du myocarde : essai randomisé",
     "Julien Martin¹, Claire Dubois², Anne-Sophie Le Goff¹ et Paul Roux³",
     ["¹ Service de cardiologie, CHU de Nantes, Nantes, France",
      "² Unité de recherche clinique, CHU de Rennes, Rennes, France"], "Introduction"),
    ("en", "Supervised walking after myocardial infarction: a randomised trial",
     "J. Okafor, P. Lindqvist and A. Haddad", ["Royal Infirmary, Leeds, UK"], "Introduction"),
    # wrapped over two lines, the second a name alone ("Sophie" / "Delorme¹")
    ("fr", "Effet d'un programme diététique après infarctus du myocarde : essai randomisé",
     "Claire Vasseur¹, Thomas Lemaire², Aïcha Benali¹, Hélène Rouxel³, Pierre-Yves Garnier²,"
     " Sophie<br>Delorme¹",
     ["¹ Service de réadaptation cardiovasculaire, CH de Valmont, France"], "Introduction"),
], ids=["en-superscripts", "fr-superscripts", "en-initials", "fr-wrapped"])
def test_a_bold_author_line_under_a_pdfs_title_is_no_heading(
        lang: str, title: str, authors: str, affiliations: list[str], first: str) -> None:
    """The authors' names set in bold under the title are no section heading: the
    affiliations under them, with no full stop, are in no section, not one named after the
    authors (where they were quoted as the study's setting), and each opening with its mark
    is a sentence of its own."""
    html = (f"<html lang={lang}><head><style>body {{ font-size: 10pt }} h1 {{ font-size: 16pt }}"
            " h2 { font-size: 11.5pt } .authors { font-weight: bold }"
            " .affil { font-size: 8pt; margin: 1pt 0 }</style></head><body>"
            f"<h1>{title}</h1><p class=authors>{authors}</p>"
            + "".join(f"<p class=affil>{line}</p>" for line in affiliations)
            + f"<h2>{first}</h2><p>{FALLS} {SENTENCE * 3}</p></body></html>")
    doc = extract_document(_pdf(html), "paper.pdf")
    assert [s.title for s in doc.sections] == [title, first]
    texts = {" ".join(doc.sentence_text(s).split()): s for s in doc.sentences}
    for line in affiliations:  # each a sentence of its own, set after its mark
        assert texts[line].section == ""
    assert texts[FALLS].section == first


@pytest.mark.parametrize(("line", "authors"), [
    ("Julien Martin1,2, Claire Dubois2 et Paul Roux3", True),  # marks in the body size
    ("Jane Okafor*, Peter Lindqvist† and Amira Haddad", True),
    ("C.-A. Dubois, J. van der Berg & P. Roux", True),
    ("Study Design, Data Collection and Statistical Analysis", False),  # no marks, no initials
    ("Patients and Methods", False),
    ("Matériel et méthodes", False),
    ("Study 1 and Study 2", False),
    ("A. Inclusion Criteria", False),
    ("Julien Martin¹", False),  # one name: may be a heading with a note's mark
])
def test_an_author_line_is_no_heading_text(line: str, authors: bool) -> None:
    from checker.documents.typography import is_author_line, looks_like_heading_text

    assert is_author_line(line) is authors
    assert looks_like_heading_text(line) is not authors


@pytest.mark.parametrize(("open_end", "next_page"), [
    ("Fidelity was assessed with a 20-item checklist completed by an independent observer "
     "for", "64 sessions."),
    ("La fidélité a été évaluée avec une grille de 20 items remplie par", "2 observateurs "
     "indépendants pour 64 séances."),
])
def test_a_sentence_runs_on_to_the_next_page_after_a_word_no_sentence_ends_with(
        open_end: str, next_page: str) -> None:
    """A page that stops on a preposition, an article or a conjunction leaves its sentence
    open, though the next page opens with a number: one sentence, not a quotation cut at
    the page's foot."""
    pages = ["\n".join(_body(1)) + f"\n{open_end}\n\n1\n",
             f"{next_page}\n" + "\n".join(_body(2)) + "\n\n2\n",
             "\n".join(_body(3)) + "\n\n3\n"]
    doc = extract_document("\f".join(pages).encode(), "paper.txt")
    first_word = open_end.split()[0]
    sentence = next(s for s in doc.sentences if doc.sentence_text(s).startswith(first_word))
    assert " ".join(doc.sentence_text(sentence).split()) == f"{open_end} {next_page}"


def test_a_page_ending_with_a_full_sentence_still_breaks_the_paragraph() -> None:
    """A page whose last sentence is closed, the next opening with a number, stays two
    paragraphs."""
    pages = ["\n".join(_body(1)) + "\nFidelity was assessed by an observer.\n\n1\n",
             "64 sessions were observed.\n" + "\n".join(_body(2)) + "\n\n2\n",
             "\n".join(_body(3)) + "\n\n3\n"]
    doc = extract_document("\f".join(pages).encode(), "paper.txt")
    texts = [" ".join(doc.sentence_text(s).split()) for s in doc.sentences]
    assert "64 sessions were observed." in texts
    assert not any("observer." in text and "64 sessions" in text for text in texts)
