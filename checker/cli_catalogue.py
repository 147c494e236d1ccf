"""`npis-check catalogue …`: validate, list, show and export the invariant catalogue."""

from __future__ import annotations

import json
import sys

import click

from .catalogue import DOCUMENT_KINDS, Catalogue, CatalogueError, load_catalogue, pick
from .cli_i18n import N_, _, group, option
from .services.checklist import checklist_markdown

LANGS = click.Choice(["en", "fr"])


def _load(path: str | None) -> Catalogue:
    try:
        return load_catalogue(path)
    except CatalogueError as exc:
        for problem in exc.problems:
            click.echo(_("error: %(problem)s", problem=problem.text(_)), err=True)
        sys.exit(1)


def _study_type_or_fail(catalogue: Catalogue, study_type: str | None) -> None:
    valid = [st.id for st in catalogue.study_types]
    if study_type is not None and study_type not in valid:
        raise click.BadParameter(
            _("unknown study type '%(study_type)s' (choose from: %(valid)s)",
              study_type=study_type, valid=", ".join(valid)),
            param_hint="--study-type",
        )


@group("catalogue", help=N_("Validate, list, show and export the invariant catalogue."))
@option(
    "--catalogue", "catalogue_path", metavar="PATH", envvar="NPIS_CATALOGUE",
    help=N_("Catalogue file or directory to use instead of the built-in one."),
)
@click.pass_context
def catalogue_group(ctx: click.Context, catalogue_path: str | None) -> None:
    ctx.obj = {"path": catalogue_path}


@catalogue_group.command("validate", help=N_(
    "Validate a catalogue (the built-in one without PATH); exit 1 with every error."))
@click.argument("path", required=False)
@click.pass_obj
def validate_command(obj: dict, path: str | None) -> None:
    catalogue = _load(path or obj["path"])
    by_kind = {k: sum(1 for i in catalogue.invariants if i.kind == k)
               for k in ("ethical", "methodological")}
    click.echo(_(
        "OK: %(name)s v%(version)s — %(invariants)d invariants (%(ethical)d ethical, "
        "%(methodological)d methodological), %(study_types)d study types; fingerprint "
        "%(fingerprint)s", name=pick(catalogue.name, "en"), version=catalogue.version,
        invariants=len(catalogue.invariants), ethical=by_kind["ethical"],
        methodological=by_kind["methodological"], study_types=len(catalogue.study_types),
        fingerprint=catalogue.fingerprint[:16],
    ))


@catalogue_group.command("list", help=N_("List invariants (id, kind, study types, title)."))
@option("--study-type", "-t", help=N_("Only the invariants of this study type."))
@option("--lang", "-l", type=LANGS, default="en", show_default=True,
        help=N_("Language of the titles."))
@click.pass_obj
def list_command(obj: dict, study_type: str | None, lang: str) -> None:
    catalogue = _load(obj["path"])
    _study_type_or_fail(catalogue, study_type)
    invs = catalogue.invariants_for(study_type) if study_type else catalogue.invariants
    for inv in invs:
        types = "all" if inv.is_ethical else ",".join(inv.study_types)
        click.echo(f"{inv.id:<6} {inv.kind:<14} {types:<15} {pick(inv.title, lang)}")
    click.echo(_("— %(count)d invariants", count=len(invs)), err=True)


@catalogue_group.command("show", help=N_(
    "Show one invariant with its guidance, crosswalk and evidence cues."))
@click.argument("invariant_id")
@option("--lang", "-l", type=LANGS, default="en", show_default=True,
        help=N_("Language of the invariant's texts."))
@option("--kind", "document_kind", type=click.Choice(DOCUMENT_KINDS), default="protocol",
        show_default=True, help=N_("Guidance for a protocol or a published paper."))
@click.pass_obj
def show_command(obj: dict, invariant_id: str, lang: str, document_kind: str) -> None:
    catalogue = _load(obj["path"])
    try:
        inv = catalogue.invariant(invariant_id.upper())
    except KeyError:
        raise click.BadParameter(_("no invariant '%(id)s' in this catalogue", id=invariant_id),
                                 param_hint="INVARIANT_ID") from None
    g = inv.guidance(document_kind)
    def labelled(label: str, text: str) -> str:
        return _("[%(kind)s] %(label)s: %(text)s", kind=document_kind, label=label, text=text)

    # Apart, for extraction: messages in another message's arguments are not extracted.
    not_applicable = (_("allowed when %(condition)s", condition=pick(inv.na_when, lang))
                      if inv.na_allowed and inv.na_when else _("never"))
    out = [
        f"{inv.id} — {pick(inv.title, lang)}",
        _("kind: %(kind)s; study types: %(study_types)s; weight: %(weight)s", kind=inv.kind,
          study_types=", ".join(inv.study_types), weight=f"{inv.weight:g}"),
        "",
        pick(inv.statement, lang),
        "",
        labelled(_("met"), pick(g.met, lang)),
        labelled(_("partially met"), pick(g.partially_met, lang)),
        labelled(_("not met"), pick(g.not_met, lang)),
        labelled(_("remedy"), pick(inv.remedy(document_kind), lang)),
        *([labelled(_("for a dossier"), pick(advice, lang))]
          if (advice := inv.dossier_advice(document_kind)) else []),
        labelled(_("example"), pick(inv.example(document_kind), lang)),
        _("not applicable: %(when)s", when=not_applicable),
        _("sheet fields: %(fields)s; criteria: %(criteria)s",
          fields=", ".join(inv.sheet_fields) or "—", criteria=", ".join(inv.criteria)),
        _("crosswalk: %(crosswalk)s", crosswalk="; ".join(
            f"{r.standard} {', '.join(r.items)}" for r in inv.crosswalk)),
        _("evidence elements: %(elements)s", elements=", ".join(inv.evidence.elements)),
        _("cues (%(lang)s): %(cues)s", lang=lang,
          cues=", ".join(inv.evidence.cues.get(lang, ()))),
    ]
    click.echo("\n".join(out))


@catalogue_group.command("export", help=N_(
    "Write the whole catalogue as JSON, or a printable Markdown checklist, to stdout."))
@option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json",
        show_default=True, help=N_("JSON for programs, or a Markdown checklist to print."))
@option("--study-type", "-t", help=N_("Study type of the Markdown checklist."))
@option("--lang", "-l", type=LANGS, default="en", show_default=True,
        help=N_("Language of the Markdown checklist."))
@option("--kind", "document_kind", type=click.Choice(DOCUMENT_KINDS), default="protocol",
        show_default=True, help=N_("Checklist for a protocol or a published paper."))
@click.pass_obj
def export_command(obj: dict, fmt: str, study_type: str | None, lang: str,
                   document_kind: str) -> None:
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
