"""A prototypical study of a co-designed digital programme, as intervention development
authors write it (walkthrough: an occupational therapist's co-design and feasibility protocol
and paper on post-stroke fatigue): the NPI described item by item as TIDieR asks ("What
(procedures)", "When and how much", "Tailoring"), the manuals deposited on the Open Science
Framework, the data protection law of a country outside the EU, access kept after the study;
and the study's own procedures (usability testing, progression criteria, recruitment, the
partners' pay, data retention) not read as the NPI's."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

PROTOCOL = "\n\n".join((
    '# ENERGISE: co-design and feasibility testing of a digital self-management '
    'programme for post-stroke fatigue. Protocol for a mixed-methods prototypical '
    'study',
    '## 3.3 Patient and public involvement',
    'Two stroke survivors and one carer are co-investigators on this study. Patient '
    'partners are paid for their time at the rates recommended by the Strategy for '
    'Patient-Oriented Research.',
    '## 3.5 Phase 2: usability testing',
    'Eight to ten stroke survivors with fatigue will complete individual think-aloud '
    'sessions of about 60 minutes in which they carry out tasks in the prototype '
    'while saying aloud what they think.',
    '## 3.6 Phase 3: feasibility pilot',
    '### Participants and eligibility',
    'Inclusion criteria: adults aged 18 years or older; ischaemic or haemorrhagic '
    'stroke at least three months before enrolment; post-stroke fatigue meeting the '
    'case definition of Lynch et al. [14].',
    'We expect that people with milder cognitive impairment, greater self-efficacy at'
    ' baseline and a carer able to support them will benefit most; these '
    'characteristics will be recorded.',
    '### The ENERGISE intervention (TIDieR description)',
    'What (procedures): the six modules are (1) understanding post-stroke fatigue; '
    '(2) monitoring energy with the energy diary; (3) pacing, planning and '
    'prioritising activities; (4) graded activity; (5) sleep, rest and relaxation; '
    '(6) thinking patterns, mood and fatigue.',
    'When and how much: six weeks; one module per week, taking about 30 to 45 '
    'minutes, plus six weekly 30-minute coaching calls, for a total expected dose of '
    'about 7 to 8 hours.',
    'Tailoring: the core of the programme is fixed: all participants receive the six '
    'modules in the same order and the weekly calls. The therapist tailors the '
    'activity goals, the starting level and rate of progression of graded activity to'
    " the person's diary data.",
    '### Recruitment and consent',
    'Written informed consent will be obtained before any study procedure, on paper '
    'or electronically. Information sheets and consent forms are available in a '
    'standard and an aphasia-friendly version with pictures.',
    '### Usual care',
    'ENERGISE is offered in addition to usual care. At the end of the study '
    'participants will keep access to the ENERGISE application and workbook for 12 '
    'months.',
    '### Outcomes',
    'Feasibility outcomes (recruitment, retention, adherence, data completeness) will'
    ' be judged against pre-specified progression criteria.',
    '## 6.2 Data management and confidentiality',
    'Data will be handled in accordance with the Ontario Personal Health Information '
    'Protection Act (PHIPA). Study data will be retained for 10 years after the end '
    'of the study and then destroyed.',
)) + "\n"

PAPER = "\n\n".join((
    '# Co-design and feasibility of ENERGISE, a digital self-management programme for'
    ' post-stroke fatigue: a mixed-methods prototypical study',
    '## Abstract',
    'Methods: Three-phase mixed-methods study in Toronto, Canada: four co-design '
    'workshops with stroke survivors, carers and clinicians (n = 24); two rounds of '
    'think-aloud usability testing (n = 9); and a single-arm feasibility pilot (n = '
    '30).',
    '## Methods',
    '### Phase 1: co-design workshops',
    'Following experience-based co-design [13], participants attended four workshops '
    'of 2.5 hours with stroke survivors, carers and clinicians.',
    '### Phase 3: feasibility pilot',
    'ENERGISE is a six-week programme delivered through a responsive web application '
    'with a printed workbook, supported by an occupational therapist. Clinical '
    'outcomes were collected at baseline, 6 and 12 weeks to test procedures.',
    '## Results',
    'Thirty participants were recruited in 7 months (4.3 per month). Twenty-six (87%)'
    ' completed the 12-week assessment.',
    '### Refinements',
    'The final version, ENERGISE v1.0, is described in a participant manual and a '
    'therapist manual, both deposited with the application source on the Open Science'
    ' Framework (https://osf.io/x7k2e).',
    '## Declarations',
    'Data protection. Data were stored on University Health Network servers in Canada'
    ' in accordance with the Personal Health Information Protection Act (PHIPA); '
    'recordings were deleted after transcription.',
)) + "\n"


@pytest.fixture(scope="module")
def protocol():
    return suggest(PROTOCOL, "en", study_type="prototypical", kind="protocol")


@pytest.fixture(scope="module")
def paper():
    return suggest(PAPER, "en", study_type="prototypical", kind="paper")


def test_tidier_what_procedures_are_the_components(protocol):
    assert protocol["PRO04"].answer == "met"
    assert first_quotation(protocol["PRO04"]).startswith("What (procedures): the six modules")
    assert not quoted(protocol["PRO04"], "think-aloud")


def test_tidier_when_and_how_much_is_the_dose_not_the_usability_session(protocol):
    assert quoted(protocol["PRO05"], "When and how much: six weeks")
    assert not quoted(protocol["PRO05"], "think-aloud")


def test_tidier_tailoring_is_the_personalisation_not_the_progression_criteria(protocol):
    suggestion = protocol["PRO09"]
    assert suggestion.answer == "met"
    assert quoted(suggestion, "Tailoring: the core of the programme is fixed")
    assert quoted(suggestion, "starting level and rate of progression")
    assert not quoted(suggestion, "progression criteria")


def test_the_responders_expected_by_the_authors(protocol):
    assert "X_responders" in protocol["PRO02"].elements_found
    assert quoted(protocol["PRO02"], "will benefit most")


def test_information_sheets_and_consent_forms_available(protocol):
    assert quoted(protocol["E02"], "Information sheets and consent forms are available")
    # The protocol does not state the right to withdraw, which E02 asks of a protocol.
    assert protocol["E02"].answer == "partially_met"
    assert protocol["E02"].details_missing == ["withdrawal"]


def test_access_kept_after_the_study_not_the_data_kept(protocol):
    suggestion = protocol["E14"]
    assert quoted(suggestion, "will keep access to the ENERGISE application")
    assert "30_Post_trial_care" in suggestion.elements_found
    assert not quoted(suggestion, "retained for 10 years")


def test_a_data_protection_law_outside_the_eu(protocol, paper):
    assert quoted(protocol["E07"], "Personal Health Information Protection Act")
    assert "19_Data_Management" in paper["E07"].elements_found
    assert quoted(paper["E07"], "Data were stored on University Health Network servers")


def test_the_partners_pay_is_not_their_involvement(protocol):
    assert not first_quotation(protocol["E11"]).startswith("Patient partners are paid")


def test_manuals_deposited_are_the_manual_available(paper):
    assert paper["PRO12"].answer == "met"
    assert first_quotation(paper["PRO12"]).startswith("The final version, ENERGISE v1.0")


def test_a_programme_of_weeks_through_its_material_and_its_time_points(paper):
    assert "13_Participant_timeline" in paper["PRO05"].elements_found
    assert quoted(paper["PRO05"], "collected at baseline, 6 and 12 weeks")
    assert quoted(paper["PRO05"], "is a six-week programme")
    assert not quoted(paper["PRO05"], "were recruited in 7 months")
    assert quoted(paper["PRO06"], "delivered through a responsive web application")
    assert "31c_Sharing_Materials" in paper["PRO06"].elements_found


def test_users_and_professionals_in_the_workshops(paper):
    assert "X_stakeholders" in paper["PRO10"].elements_found


PROTOCOLE = "\n\n".join((
    "# ÉNERGIE : co-construction et faisabilité d'un programme numérique "
    "d'autogestion de la fatigue après un AVC. Protocole d'une étude prototypique",
    '## Intervention',
    'Quoi (procédures) : les six modules portent sur (1) la compréhension de la '
    "fatigue ; (2) le journal d'énergie ; (3) la planification des activités ; (4) "
    "l'activité graduée ; (5) le sommeil ; (6) les pensées et l'humeur.",
    'Personnalisation : le noyau du programme est fixe : tous les participants '
    "reçoivent les six modules dans le même ordre. L'ergothérapeute adapte les "
    "objectifs, le niveau de départ et la progression de l'activité graduée au "
    'journal de chaque personne.',
    '## Prise en charge habituelle',
    "Le programme s'ajoute à la prise en charge habituelle. À l'issue de l'étude, les"
    " participants conserveront un accès à l'application et au livret pendant 12 "
    'mois.',
    '## Critères de jugement',
    "La faisabilité sera jugée selon des critères de progression définis à l'avance.",
)) + "\n"


def test_the_same_in_french():
    suggestions = suggest(PROTOCOLE, "fr", study_type="prototypical", kind="protocol")
    assert suggestions["PRO04"].answer == "met"
    assert first_quotation(suggestions["PRO04"]).startswith("Quoi (procédures)")
    assert quoted(suggestions["PRO09"], "le noyau du programme est fixe")
    assert "11b_Intervention_Modification" in suggestions["PRO09"].elements_found
    assert not quoted(suggestions["PRO09"], "critères de progression")
    assert quoted(suggestions["E14"], "conserveront un accès à l'application")
    assert "30_Post_trial_care" in suggestions["E14"].elements_found
