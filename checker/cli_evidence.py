"""`npis-check analyse FILE` and `npis-check bench elements`: automatic evidence from the shell."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .catalogue import CatalogueError, load_catalogue
from .documents import DocumentError, extract_path
from .evidence import (
    ModelMissingError,
    detect_elements,
    format_report,
    run_benchmark,
    suggest_answers,
)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.command("analyse")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--study-type", "study_type", default=None,
              help="Study type id (e.g. interventional); adds invariant suggestions.")
@click.option("--kind", type=click.Choice(["protocol", "paper"]), default="protocol",
              show_default=True, help="Planned work (protocol) or reported work (paper).")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Document language (default: detected).")
@click.option("--catalogue", "catalogue_path", metavar="PATH", envvar="NPIS_CATALOGUE",
              help="Catalogue file or directory to use instead of the built-in one.")
def analyse(file: Path, study_type: str | None, kind: str, lang: str | None,
            catalogue_path: str | None) -> None:
    """Detect reporting elements in FILE (PDF, DOCX, TXT, MD) and print them as JSON."""
    try:
        doc = extract_path(file)
    except DocumentError as exc:
        _fail(str(exc))
    lang = lang or doc.language
    try:
        detections = detect_elements(doc, kind=kind, lang=lang)
    except ModelMissingError as exc:
        _fail(str(exc))
    output: dict = {
        "document": {"filename": doc.filename, "format": doc.format, "language": lang,
                     "kind": kind, "pages": len(doc.pages) or None,
                     "sentences": len(doc.sentences), "characters": len(doc.text)},
        "detections": [d.to_dict() for d in detections],
    }
    if study_type:
        try:
            catalogue = load_catalogue(catalogue_path)
        except CatalogueError as exc:
            _fail("; ".join(str(p) for p in exc.problems))
        valid = [st.id for st in catalogue.study_types]
        if study_type not in valid:
            raise click.BadParameter(
                f"unknown study type '{study_type}' (choose from: {', '.join(valid)})",
                param_hint="--study-type",
            )
        suggestions = suggest_answers(catalogue, study_type, detections, lang, document=doc,
                                      kind=kind)
        output["catalogue"] = {"id": catalogue.id, "version": catalogue.version}
        output["study_type"] = study_type
        output["suggestions"] = {k: s.to_dict() for k, s in suggestions.items()}
    click.echo(json.dumps(output, ensure_ascii=False, indent=2))


@click.group("bench")
def bench_group() -> None:
    """Benchmarks of the automatic detection."""


@bench_group.command("elements")
@click.option("--data", "data_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder laid out like spirit-consort-tm (documents/, labels.csv).")
@click.option("--split", default="valid", show_default=True, help="Split to evaluate.")
def bench_elements(data_dir: Path, split: str) -> None:
    """Article-level precision, recall and F1 per item; last line: micro/macro F1, s per doc."""
    try:
        result = run_benchmark(data_dir, split)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        _fail(str(exc))
    except (DocumentError, ModelMissingError) as exc:
        _fail(str(exc))
    for line in format_report(result):
        click.echo(line)


COMMANDS: list[click.Command] = [analyse, bench_group]
