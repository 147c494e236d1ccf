"""Running it for a team, what a unit's data manager meets: several people creating their
first assessments at once, a disk that fills up, a database that stops answering, a
reverse proxy on another port, handing a departed colleague's work over."""

from __future__ import annotations

from conftest import create_assessment

from checker.extensions import db
from checker.models import Assessment, CatalogueSnapshot


def test_first_assessments_made_at_once_share_one_catalogue_snapshot(app, auth_client,
                                                                     monkeypatch):
    # Two people create their first assessment at the same moment: both look for the
    # snapshot of the catalogue before either has stored it. The second to store it must
    # not fail (it did: a unique-key error, a 500 page, the form lost).
    first = create_assessment(auth_client)
    with app.app_context():
        assert db.session.query(CatalogueSnapshot).count() == 1
    real_get = db.session.get

    def not_yet_seen(model, key, *args, **kwargs):  # the other request had not committed
        if model is CatalogueSnapshot and not seen:
            seen.append(key)
            return None
        return real_get(model, key, *args, **kwargs)

    seen: list[str] = []
    monkeypatch.setattr(db.session, "get", not_yet_seen)
    second = create_assessment(auth_client, title="Second at the same time")
    monkeypatch.undo()
    assert seen  # the race was played
    with app.app_context():
        assert db.session.query(CatalogueSnapshot).count() == 1
        fingerprints = {a.catalogue_fingerprint for a in db.session.query(Assessment)
                        .filter(Assessment.uid.in_([first, second]))}
        assert len(fingerprints) == 1
