"""The reports' wording (``exports/labels.yaml``) and the interface's (the ``.po`` files) are kept
apart on purpose: a report is written in the language chosen for it, whatever the language of
the page it was asked from. Where both word the same thing, they must agree."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from checker.yaml_files import load_yaml
from exports.labels import LABELS_PATH

FRENCH_PO = Path(__file__).resolve().parents[1] / "checker/translations/fr/LC_MESSAGES/messages.po"

# Report keys whose English is also an interface string but whose French differs on purpose:
# the reports' column headings are plural (« Éthiques »), the interface's adjective is singular.
DIFFERENT_ON_PURPOSE = {"ethical", "methodological"}


def test_a_label_the_interface_also_translates_reads_the_same_in_french():
    with FRENCH_PO.open("rb") as handle:
        interface = {message.id: message.string for message in read_po(handle)
                     if isinstance(message.id, str) and message.id}
    with LABELS_PATH.open(encoding="utf-8") as handle:
        report_labels = load_yaml(handle)
    shared = {key: entry for key, entry in report_labels.items()
              if isinstance(entry, dict) and entry.get("en") in interface}
    assert len(shared) > 50  # the check reads what it should: both files were found and read
    disagreeing = {key: (entry["fr"], interface[entry["en"]]) for key, entry in shared.items()
                   if key not in DIFFERENT_ON_PURPOSE and entry["fr"] != interface[entry["en"]]}
    assert disagreeing == {}


def test_the_sufficiency_wording_is_the_labels_in_both_languages(monkeypatch):
    """What a dossier's sufficiency says is missing, and why a study does not count, is worded
    in labels.yaml (``sufficiency_*`` keys), in English and French, not in the code: a change
    there is what the dossier's pages and reports say."""
    import re

    import exports.labels
    from checker.catalogue import get_catalogue
    from checker.services.sufficiency import StudyEvidence, assess_sufficiency

    entries = dict(exports.labels._all())
    keys = [key for key in entries if key.startswith("sufficiency_")]
    assert len(keys) > 20
    # French typography: a no-break space before « : ; ! ? », never a plain one.
    wrong = re.compile(r"[ ][;:!?]|[^\s\u00a0\u202f/\d][;:!?](?=\s|$)")
    assert [key for key in keys if set(entries[key]) != {"en", "fr"}
            or wrong.search(entries[key]["fr"])] == []
    entries["sufficiency_kind"] = {"en": "A PROTOCOL", "fr": "UN PROTOCOLE"}
    entries["sufficiency_held_one"] = {"en": "STUDY {numbers} HELD: {reasons}.",
                                       "fr": "ÉTUDE {numbers} RETENUE\u00a0: {reasons}."}
    monkeypatch.setattr(exports.labels, "_all", lambda: entries)
    protocol = StudyEvidence(key="a", title="A", study_type="interventional",
                             document_kind="protocol", verdict="compliant", peer_reviewed=True)
    for lang, reason, said in (("en", "A PROTOCOL", ". STUDY 1 HELD: A PROTOCOL."),
                               ("fr", "UN PROTOCOLE", ". ÉTUDE 1 RETENUE\u00a0: UN PROTOCOLE.")):
        result = assess_sufficiency(get_catalogue(), "France", [protocol], lang)
        assert result.standings[0].reasons == [reason]
        assert any(said in line for line in result.missing), result.missing
