"""`npis-check analyse FILE`, `npis-check compare BEFORE AFTER` and `npis-check bench elements`:
automatic evidence from the shell."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .catalogue import Catalogue, CatalogueError, load_catalogue
from .cli_i18n import N_, _, cli_language, command, group, option
from .documents import Document, DocumentError, extract_path
from .evidence import ModelMissingError, format_report, run_benchmark
from .evidence.analysis import analysis_report, format_analysis
from .evidence.compare import compare_drafts, format_comparison
from .evidence.features import document_spelling
from .evidence.kind import guess_document_kind


def _fail(message: str) -> None:
    click.echo(_("error: %(problem)s", problem=message), err=True)
    sys.exit(1)


def _load_catalogue(path: str | None, study_type: str | None) -> Catalogue:
    """The catalogue, with ``study_type`` checked against it (usage error if unknown); only
    the patterns of that study type's invariants are compiled to check them, the only ones a
    command suggesting for it uses."""
    try:
        catalogue = load_catalogue(path, patterns_of=study_type)
    except CatalogueError as exc:  # a line a problem, as `catalogue validate` lists them
        for problem in exc.problems:
            click.echo(_("error: %(problem)s", problem=problem.text(_)), err=True)
        sys.exit(1)
    if study_type:
        valid = [st.id for st in catalogue.study_types]
        if study_type not in valid:
            raise click.BadParameter(
                _("unknown study type '%(study_type)s' (choose from: %(valid)s)",
                  study_type=study_type, valid=", ".join(valid)),
                param_hint="--study-type",
            )
    return catalogue


def _read(file: Path) -> Document:
    try:
        return extract_path(file)
    except DocumentError as exc:
        # The reader's own words (the detail) stay as they are: technical, in English.
        problem = exc.message(cli_language()) + (f" ({exc.detail})" if exc.detail else "")
        _fail(_("%(file)s: %(problem)s", file=file.name, problem=problem))


@command("analyse", help=N_(
    "Detect reporting elements in FILE (PDF, DOCX, ODT, TXT, MD) and print them (JSON or "
    "text)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option("--study-type", "study_type", default=None,
        help=N_("Study type id (e.g. interventional); adds invariant suggestions."))
@option("--kind", type=click.Choice(["auto", "protocol", "paper"]), default="auto",
        show_default=True,
        help=N_("Planned work (protocol) or reported work (paper); auto reads it from the "
                "document's tenses and reported results."))
@option("--lang", type=click.Choice(["en", "fr"]), default=None,
        help=N_("Document language (default: detected)."))
@option("--format", "output_format", type=click.Choice(["json", "text"]), default="json",
        show_default=True, help=N_("JSON for programs, or text for a person to read."))
@option("--labels", "labels_lang", type=click.Choice(["en", "fr"]), default=None,
        help=N_("Language of the text output's names and words (default: the document's)."))
@option("--catalogue", "catalogue_path", metavar="PATH", envvar="NPIS_CATALOGUE",
        help=N_("Catalogue file or directory to use instead of the built-in one."))
def analyse(file: Path, study_type: str | None, kind: str, lang: str | None,
            output_format: str, labels_lang: str | None, catalogue_path: str | None) -> None:
    catalogue = (_load_catalogue(catalogue_path, study_type)
                 if study_type or output_format == "text" else None)
    doc = _read(file)
    if lang:
        read = doc.language_guess
        if read.is_clear and read.language != lang:
            click.echo(_("warning: the document reads as English; --lang fr reads it with "
                         "the French cues.") if lang == "fr" else
                       _("warning: the document reads as French; --lang en reads it with "
                         "the English cues."), err=True)
    lang = lang or doc.language
    try:
        report = analysis_report(doc, kind, lang, catalogue, study_type)
    except ModelMissingError as exc:
        _fail(str(exc))
    if output_format == "text":
        for line in format_analysis(report, catalogue, labels_lang or lang, document_spelling(doc)):
            click.echo(line)
    else:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))


@command("compare", help=N_(
    "What a revised draft AFTER changed against BEFORE: each invariant's suggested answer "
    "on both, with the elements now found or no longer found and the quotation showing it."))
@click.argument("before", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("after", type=click.Path(dir_okay=False, path_type=Path))
@option("--study-type", "study_type", required=True,
        help=N_("Study type id (e.g. interventional)."))
@option("--kind", type=click.Choice(["auto", "protocol", "paper"]), default="auto",
        show_default=True, help=N_("Document kind; auto reads it from the later draft."))
@option("--format", "output_format", type=click.Choice(["json", "text"]), default="text",
        show_default=True, help=N_("Text for a person to read, or JSON for programs."))
@option("--catalogue", "catalogue_path", metavar="PATH", envvar="NPIS_CATALOGUE",
        help=N_("Catalogue file or directory to use instead of the built-in one."))
def compare(before: Path, after: Path, study_type: str, kind: str, output_format: str,
            catalogue_path: str | None) -> None:
    catalogue = _load_catalogue(catalogue_path, study_type)
    old, new = _read(before), _read(after)
    if kind == "auto":
        guess = guess_document_kind(new)
        kind = guess.kind if guess else "protocol"
    try:
        comparison = compare_drafts(catalogue, study_type, kind, old, new)
    except ModelMissingError as exc:
        _fail(str(exc))
    if output_format == "json":
        click.echo(json.dumps({"before": before.name, "after": after.name,
                               **comparison.to_dict()}, ensure_ascii=False, indent=2))
        return
    for line in format_comparison(comparison, catalogue, new.language, before.name, after.name):
        click.echo(line)


@group("bench", help=N_("Benchmarks of the automatic detection."))
def bench_group() -> None:
    pass


# The report itself (its table and figures, which scripts read) is never translated.
@bench_group.command("elements", help=N_(
    "Article-level precision, recall and F1 per item; last line: micro/macro F1, s per doc.\n\n"
    "Documents are documents/<kind>/<NNN>_<id>.txt, or the same name as PDF, DOCX, ODT or MD."))
@option("--data", "data_dir", required=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help=N_("Folder laid out like spirit-consort-tm (documents/, labels.csv)."))
@option("--split", default="valid", show_default=True, help=N_("Split to evaluate."))
@option("--lang", type=click.Choice(["en", "fr"]), default=None,
        help=N_("Language of the documents (default: detected for each)."))
def bench_elements(data_dir: Path, split: str, lang: str | None) -> None:
    try:
        result = run_benchmark(data_dir, split, lang)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        _fail(str(exc))
    except (DocumentError, ModelMissingError) as exc:
        _fail(str(exc))
    for line in format_report(result):
        click.echo(line)


COMMANDS: list[click.Command] = [analyse, compare, bench_group]
