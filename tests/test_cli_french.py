"""`npis-check` in French: NPIS_LANG, else the locale, chooses the language of its messages
(help, errors, confirmations, summaries); what programs read (JSON) stays the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.cli_i18n import cli_language

DATA = Path(__file__).with_name("data")
FRENCH_PROTOCOL = DATA / "protocole_apa_fr.md"
NB = "\u00a0"

FRENCH = {"NPIS_LANG": "fr"}
FRENCH_LOCALE = {"NPIS_LANG": None, "LC_ALL": None, "LC_MESSAGES": None,
                 "LANG": "fr_FR.UTF-8"}
ENGLISH = {"NPIS_LANG": "en"}


def run(args, env, **options):
    return CliRunner().invoke(main, args, env=env, prog_name="npis-check", **options)


@pytest.mark.parametrize("environ,expected", [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    # POSIX order: the first one set decides, even when it is not French.
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_ALL": "", "LANG": "fr_BE.UTF-8"}, "fr"),  # an empty variable is unset
    ({"NPIS_LANG": "fr", "LANG": "en_US.UTF-8"}, "fr"),
    ({"NPIS_LANG": "en", "LC_ALL": "fr_FR.UTF-8"}, "en"),
    ({"NPIS_LANG": "FR"}, "fr"),
    ({"NPIS_LANG": "de", "LANG": "fr_FR.UTF-8"}, "fr"),  # not a language it speaks: ignored
])
def test_language_choice(environ, expected):
    assert cli_language(environ) == expected


@pytest.mark.parametrize("env", [FRENCH, FRENCH_LOCALE], ids=["NPIS_LANG", "LANG"])
def test_help_is_french(env):
    result = run(["--help"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Utilisation{NB}: npis-check [OPTIONS] COMMAND")
    assert "vérifier les études d'INM au regard des invariants du modèle" in result.output
    assert f"Commandes{NB}:" in result.output
    assert "Afficher ce message et quitter." in result.output
    assert "Gérer les comptes." in result.output  # a command's short help

    result = run(["analyse", "--help"], env=env)
    assert "Détecter les éléments de compte rendu dans FILE" in result.output
    assert "JSON pour les programmes, ou texte à lire." in result.output
    assert f"défaut{NB}: json]" in result.output  # click's own words too


def test_help_stays_english_by_default_and_switches_back():
    run(["user", "create", "--help"], env=FRENCH)  # click keeps --help made
    for env in (ENGLISH, {"NPIS_LANG": None, "LC_ALL": None, "LC_MESSAGES": None,
                          "LANG": "C.UTF-8"}):
        result = run(["user", "create", "--help"], env=env)
        assert result.output.startswith("Usage: npis-check user create [OPTIONS] USERNAME")
        assert "Create the account USERNAME (the password is asked twice unless" in result.output
        assert "Show this message and exit." in result.output
        assert "Options:" in result.output and "Afficher" not in result.output
    french = run(["user", "create", "--help"], env=FRENCH)
    assert "Créer le compte USERNAME" in french.output
    assert "Afficher ce message et quitter." in french.output


def test_npis_lang_en_wins_over_a_french_locale():
    result = run(["--help"], env={**FRENCH_LOCALE, "NPIS_LANG": "en"})
    assert result.output.startswith("Usage: npis-check")


def test_unknown_file(tmp_path):
    missing = tmp_path / "absent.pdf"
    result = run(["analyse", str(missing)], env=FRENCH)
    assert result.exit_code == 1
    assert (f"erreur{NB}: absent.pdf{NB}: Le fichier absent.pdf n'a pas pu être ouvert."
            in result.output)
    english = run(["analyse", str(missing)], env=ENGLISH)
    assert "error: absent.pdf: The file absent.pdf could not be opened." in english.output


def test_unreadable_document(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    result = run(["analyse", str(broken)], env=FRENCH_LOCALE)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"erreur{NB}: broken.pdf{NB}: Le fichier est endommagé ou ne correspond pas à son "
            "extension" in result.output)
    english = run(["analyse", str(broken)], env=ENGLISH)
    assert "error: broken.pdf: The file is damaged" in english.output


def test_usage_errors_in_french(tmp_path):
    result = run(["compare", "a.md", "b.md"], env=FRENCH)
    assert result.exit_code == 2
    assert f"Erreur{NB}: Option manquante '--study-type'." in result.output
    assert f"Essayez «{NB}npis-check compare --help{NB}» pour l'aide." in result.output
    result = run(["analyse", str(FRENCH_PROTOCOL), "--study-type", "x"],
                                env=FRENCH)
    assert result.exit_code == 2
    assert f"type d'étude inconnu «{NB}x{NB}»" in result.output
    result = run(["bench", "elements", "--data", str(tmp_path / "none")],
                                env=FRENCH)
    assert result.exit_code == 2 and "n'existe pas." in result.output


def test_language_warning_in_french():
    result = run(["analyse", str(FRENCH_PROTOCOL), "--lang", "en"],
                                env=FRENCH)
    assert result.exit_code == 0
    assert (f"attention{NB}: le document semble rédigé en français{NB}; --lang en le lit avec "
            "les indices anglais." in result.stderr)


@pytest.mark.parametrize("args", [
    ["analyse", str(FRENCH_PROTOCOL)],
    ["analyse", str(FRENCH_PROTOCOL), "--study-type", "interventional", "--kind", "protocol"],
    ["compare", str(DATA / "trial_protocol_v1_en.md"), str(DATA / "trial_protocol_v2_en.md"),
     "--study-type", "interventional", "--format", "json"],
])
def test_json_output_is_the_same_in_both_languages(args):
    english = run(args, env=ENGLISH)
    french = run(args, env=FRENCH)
    assert english.exit_code == french.exit_code == 0, french.output
    assert english.stdout == french.stdout
    json.loads(french.stdout)


def test_catalogue_validation(tmp_path):
    result = run(["catalogue", "validate"], env=FRENCH)
    assert result.exit_code == 0
    assert (f"77 invariants (14 éthiques, 63 méthodologiques), 5 types d'étude{NB}; empreinte"
            in result.output)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: {en: x}\n", encoding="utf-8")
    result = run(["catalogue", "validate", str(bad)], env=FRENCH)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines and all(line.startswith(f"erreur{NB}: ") for line in lines), result.output
    assert f"{bad}{NB}: le champ «{NB}format_version{NB}» est obligatoire" in result.output
    english = run(["catalogue", "validate", str(bad)], env=ENGLISH)
    # The same problems, one a line, each worded in its language.
    assert len(english.output.splitlines()) == len(lines)
    assert f"error: {bad}: 'format_version' is a required property" in english.output


def test_catalogue_show_labels_in_french():
    result = run(["catalogue", "show", "E01", "--lang", "fr"], env=FRENCH)
    assert result.exit_code == 0
    assert f"[protocol] respecté{NB}: " in result.output
    assert f"non applicable{NB}: jamais" in result.output
    english = run(["catalogue", "show", "E01"], env=ENGLISH)
    assert "[protocol] met: " in english.output and "not applicable: never" in english.output


def test_user_create_confirmation_in_french(cli_env):
    result = cli_env.invoke(main, ["user", "create", "camille"], env=FRENCH,
                            input="long enough pw\nanother one 1\nlong enough pw\n"
                                  "long enough pw\n")
    assert result.exit_code == 0, result.output
    assert f"Mot de passe{NB}: " in result.output
    assert f"Saisissez-le de nouveau pour confirmer{NB}: " in result.output
    assert f"Erreur{NB}: les deux saisies ne correspondent pas." in result.output
    assert "utilisateur camille créé" in result.output
    assert f"base de données{NB}: " in result.output
    # The account's own rules come from the web's messages, in French too.
    result = cli_env.invoke(main, ["user", "create", "dominique", "--password", "short"],
                            env=FRENCH)
    assert result.exit_code == 1
    assert (f"erreur{NB}: mot de passe{NB}: Trop court{NB}: au moins 8 caractères."
            in result.output)
    result = cli_env.invoke(main, ["user", "create", "dominique", "--password", "short"],
                            env=ENGLISH)
    assert "error: password: Too short: at least 8 characters." in result.output


def test_user_list_in_french(cli_env):
    cli_env.invoke(main, ["user", "create", "claude", "--password", "long enough pw"],
                   env=FRENCH)
    result = cli_env.invoke(main, ["user", "list"], env=FRENCH)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("claude"))
    assert "créé le " in line and "aucune connexion enregistrée" in line
    assert "0 évaluation " in line and line.endswith("actif")
    result = cli_env.invoke(main, ["user", "disable", "nobody"], env=FRENCH)
    assert result.exit_code == 1
    assert f"erreur{NB}: aucun utilisateur «{NB}nobody{NB}»" in result.output
