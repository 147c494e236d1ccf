"""Countries typed in a dossier or a study, compared by country rather than by spelling."""

from __future__ import annotations

import pytest

from checker.services.countries import country_codes, same_country
from checker.services.sufficiency import StudyEvidence, assess_sufficiency


@pytest.mark.parametrize("typed", [
    "United Kingdom", "Royaume-Uni", "Royaume Uni", "royaume-uni", "the United Kingdom",
    "UK", "U.K.", "GB", "gb", "England", "Scotland", "Wales", "Northern Ireland",
    "Angleterre", "Écosse", "Pays de Galles", "Irlande du Nord", "Great Britain",
])
def test_every_name_of_the_united_kingdom(typed):
    assert country_codes(typed) == {"GB"}
    assert same_country(typed, "England")


@pytest.mark.parametrize("typed", [
    "USA", "U.S.A.", "US", "U.S.", "United States", "United States of America",
    "États-Unis", "Etats-Unis", "etats unis",
])
def test_every_name_of_the_united_states(typed):
    assert country_codes(typed) == {"US"}


def test_codes_french_names_and_places():
    assert country_codes("FR") == country_codes("la France") == {"FR"}
    assert country_codes("Allemagne") == country_codes("Germany") == {"DE"}
    assert country_codes("Pays-Bas") == country_codes("The Netherlands") == {"NL"}
    # A place and its country, and a study in two countries.
    assert country_codes("Lyon, France") == {"FR"}
    assert country_codes("France and Belgium") == {"FR", "BE"}
    # Georgia, the country, when the field says only that (in running text it is a state).
    assert country_codes("Georgia") == {"GE"}
    assert country_codes("Atlanta, Georgia, USA") == {"US"}
    assert country_codes("Kurdistan") == country_codes("") == frozenset()


def test_same_country():
    assert not same_country("Germany", "England")
    assert not same_country("", "England")
    # Unknown names are compared as written (accents and case aside).
    assert same_country("Kurdistan", "kurdistan")
    assert not same_country("Kurdistan", "Iraq")
    # A study in several countries was conducted in each of them.
    assert same_country("France and Belgium", "Belgique")


def _implementation(key, country):
    return StudyEvidence(key=key, title=key, study_type="implementation",
                         document_kind="paper", verdict="compliant", country=country,
                         peer_reviewed=True)


def test_implementation_in_the_united_kingdom_counts_in_england(catalogue):
    """The walkthrough's dossier: deployed in "England", its implementation study conducted
    in the "United Kingdom" counted 0 (the names were compared as text), with no hint why."""
    result = assess_sufficiency(catalogue, "England", [_implementation("STEADY-UP",
                                                                       "United Kingdom")])
    implementable = next(c for c in result.criteria if c.criterion == "implementable")
    assert implementable.reached and implementable.count == 1
    assert result.country_notes == [
        "STEADY-UP: its country, “United Kingdom”, is counted as the country of deployment, "
        "“England” (United Kingdom)."]
    french = assess_sufficiency(catalogue, "England", [_implementation("STEADY-UP",
                                                                       "Royaume-Uni")], "fr")
    assert french.criteria[-1].reached
    assert french.country_notes == [
        "STEADY-UP\u00a0: son pays, «\u00a0Royaume-Uni\u00a0», est compté comme le pays de "
        "déploiement, «\u00a0England\u00a0» (Royaume-Uni)."]


def test_the_page_says_why_a_study_does_not_count_in_the_country(catalogue):
    studies = [_implementation("same", "France"), _implementation("fr-code", "FR"),
               _implementation("be", "Belgium"), _implementation("odd", "Bretagne du Nord"),
               _implementation("none", ""), _implementation("two", "France et Belgique")]
    result = assess_sufficiency(catalogue, "France", studies)
    assert result.criteria[-1].count == 3  # same, fr-code, two
    # Written alike as the country of deployment: nothing to explain.
    assert not any(line.startswith("same:") for line in result.country_notes)
    assert result.country_notes == [
        "fr-code: its country, “FR” (France), is counted as the country of deployment, "
        "“France”.",
        "be: its country, “Belgium”, is not the country of deployment, “France”: it does not "
        "count towards the minimum there.",
        "odd: its country, “Bretagne du Nord”, is not a country name or code npis-checker "
        "knows, nor written as the country of deployment, “France”: it does not count towards "
        "the minimum there. Write the country's name or ISO code in the study's publication "
        "details.",
        "none: no country is given for the study: it does not count towards the minimum in "
        "the country of deployment, “France”. Give it in the study's publication details.",
        "two: its countries, “France et Belgique” (Belgium, France), include the country of "
        "deployment, “France”: it counts there.",
    ]


def test_an_unknown_country_of_deployment_is_said_so(catalogue):
    result = assess_sufficiency(catalogue, "Kurdistan", [_implementation("k", "kurdistan")])
    assert result.criteria[-1].reached
    assert result.country_notes[0].startswith(
        "The country of deployment, “Kurdistan”, is not a country name or code")
    french = assess_sufficiency(catalogue, "Kurdistan", [], "fr")
    assert french.country_notes == [
        "Le pays de déploiement, «\u00a0Kurdistan\u00a0», n'est pas un nom ou un code de pays "
        "que npis-checker connaît\u00a0: une étude n'y compte que si son pays est écrit de la "
        "même façon."]
