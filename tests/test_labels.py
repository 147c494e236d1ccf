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
