"""Blueprints: accounts, assessments, results/downloads, dossiers, report verification, language."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from .assessments import bp as assessments
    from .auth import bp as auth
    from .document_text import bp as document_text
    from .dossiers import bp as dossiers
    from .guide import bp as guide
    from .i18n import bp as i18n
    from .results import bp as results
    from .suggestions import bp as suggestions
    from .verify import bp as verify

    for blueprint in (auth, assessments, suggestions, document_text, results, dossiers, verify,
                      guide, i18n):
        app.register_blueprint(blueprint)
