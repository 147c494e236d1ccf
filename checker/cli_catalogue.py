"""`npis-check catalogue …`: validate, list, show and export the invariant catalogue."""

from __future__ import annotations

import json
import sys

import click

from .catalogue import DOCUMENT_KINDS, Catalogue, CatalogueError, load_catalogue, pick
from .services.checklist import checklist_markdown

LANGS = click.Choice(["en", "fr"])


def _load(path: str | None) -> Catalogue:
    try:
        return load_catalogue(path)
    except CatalogueError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(1)


def _study_type_or_fail(catalogue: Catalogue, study_type: str | None) -> None:
    valid = [st.id for st in catalogue.study_types]
    if study_type is not None and study_type not in valid:
        raise click.BadParameter(
            f"unknown study type '{study_type}' (choose from: {', '.join(valid)})",
            param_hint="--study-type",
        )


@click.group("catalogue")
@click.option(
    "--catalogue", "catalogue_path", metavar="PATH", envvar="NPIS_CATALOGUE",
    help="Catalogue file or directory to use instead of the built-in one.",
)
@click.pass_context
def catalogue_group(ctx: click.Context, catalogue_path: str | None) -> None:
    """Validate, list, show and export the invariant catalogue."""
    ctx.obj = {"path": catalogue_path}


@catalogue_group.command("validate")
@click.argument("path", required=False)
@click.pass_obj
def validate_command(obj: dict, path: str | None) -> None:
    """Validate a catalogue (the built-in one without PATH); exit 1 with every error."""
    catalogue = _load(path or obj["path"])
    by_kind = {k: sum(1 for i in catalogue.invariants if i.kind == k)
               for k in ("ethical", "methodological")}
    click.echo(
        f"OK: {pick(catalogue.name, 'en')} v{catalogue.version} — {len(catalogue.invariants)} "
        f"invariants ({by_kind['ethical']} ethical, {by_kind['methodological']} methodological), "
        f"{len(catalogue.study_types)} study types; fingerprint {catalogue.fingerprint[:16]}"
    )


@catalogue_group.command("list")
@click.option("--study-type", "-t", help="Only the invariants of this study type.")
@click.option("--lang", "-l", type=LANGS, default="en", show_default=True)
@click.pass_obj
def list_command(obj: dict, study_type: str | None, lang: str) -> None:
    """List invariants (id, kind, study types, title)."""
    catalogue = _load(obj["path"])
    _study_type_or_fail(catalogue, study_type)
    invs = catalogue.invariants_for(study_type) if study_type else catalogue.invariants
    for inv in invs:
        types = "all" if inv.is_ethical else ",".join(inv.study_types)
        click.echo(f"{inv.id:<6} {inv.kind:<14} {types:<15} {pick(inv.title, lang)}")
    click.echo(f"— {len(invs)} invariants", err=True)


@catalogue_group.command("show")
@click.argument("invariant_id")
@click.option("--lang", "-l", type=LANGS, default="en", show_default=True)
@click.option("--kind", "document_kind", type=click.Choice(DOCUMENT_KINDS), default="protocol",
              show_default=True, help="Guidance for a protocol or a published paper.")
@click.pass_obj
def show_command(obj: dict, invariant_id: str, lang: str, document_kind: str) -> None:
    """Show one invariant with its guidance, crosswalk and evidence cues."""
    catalogue = _load(obj["path"])
    try:
        inv = catalogue.invariant(invariant_id.upper())
    except KeyError:
        raise click.BadParameter(f"no invariant '{invariant_id}' in this catalogue",
                                 param_hint="INVARIANT_ID") from None
    g = inv.guidance(document_kind)
    out = [
        f"{inv.id} — {pick(inv.title, lang)}",
        f"kind: {inv.kind}; study types: {', '.join(inv.study_types)}; weight: {inv.weight:g}",
        "",
        pick(inv.statement, lang),
        "",
        f"[{document_kind}] met: {pick(g.met, lang)}",
        f"[{document_kind}] partially met: {pick(g.partially_met, lang)}",
        f"[{document_kind}] not met: {pick(g.not_met, lang)}",
        f"[{document_kind}] remedy: {pick(inv.remedy(document_kind), lang)}",
        *([f"[{document_kind}] for a dossier: {pick(advice, lang)}"]
          if (advice := inv.dossier_advice(document_kind)) else []),
        f"[{document_kind}] example: {pick(inv.example(document_kind), lang)}",
        "not applicable: "
        + (f"allowed when {pick(inv.na_when, lang)}"
           if inv.na_allowed and inv.na_when else "never"),
        f"sheet fields: {', '.join(inv.sheet_fields) or '—'}; criteria: {', '.join(inv.criteria)}",
        "crosswalk: " + "; ".join(f"{r.standard} {', '.join(r.items)}" for r in inv.crosswalk),
        f"evidence elements: {', '.join(inv.evidence.elements)}",
        f"cues ({lang}): {', '.join(inv.evidence.cues.get(lang, ()))}",
    ]
    click.echo("\n".join(out))


@catalogue_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json",
              show_default=True)
@click.option("--study-type", "-t", help="Study type of the Markdown checklist.")
@click.option("--lang", "-l", type=LANGS, default="en", show_default=True)
@click.option("--kind", "document_kind", type=click.Choice(DOCUMENT_KINDS), default="protocol",
              show_default=True)
@click.pass_obj
def export_command(obj: dict, fmt: str, study_type: str | None, lang: str,
                   document_kind: str) -> None:
    """Write the whole catalogue as JSON, or a printable Markdown checklist, to stdout."""
    catalogue = _load(obj["path"])
    if fmt == "json":
        payload = catalogue.to_dict()
        payload["fingerprint"] = catalogue.fingerprint
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _study_type_or_fail(catalogue, study_type)
    types = [study_type] if study_type else [st.id for st in catalogue.study_types]
    click.echo("\n\n".join(checklist_markdown(catalogue, t, lang, document_kind) for t in types))


COMMANDS: list[click.Command] = [catalogue_group]
