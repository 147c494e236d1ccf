"""The labelled folders the training scripts read by default, per document language."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = {
    "en": ROOT.parent / "shared" / "benchmarks" / "spirit-consort-tm",
    "fr": ROOT / "benchmarks" / "spirit-consort-tm-fr",  # its French translation
}
