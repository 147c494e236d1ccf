"""Suggestions on the four French documents of a therapeutic patient education programme for
type 2 diabetes (ETP, « DIAPASON ») that a submitter gathers into one NPI dossier: its
co-design and feasibility paper (prototypical), its cluster trial's protocol and results paper
(interventional) and its roll-out report in three regions (implementation).

Each test names what the walkthrough's submitter saw: the material listed as such not
reported (PRO06), an exclusion for a contraindication not read as the population (PRO02),
the professionals who lead the sessions missed for the patient experts who co-led a design
workshop (PRO07, E12), the treatments recorded in both arms not reported (INT14), the
pre-specified subgroup analyses not reported (INT16), and a costing sentence quoted first as
where the programme was deployed (IMP01). The English counterparts of each wording are
tested beside them."""

from __future__ import annotations

from suggestion_support import first_quotation, suggest

PROTOTYPE_FR = """# Co-conception et faisabilité de DIAPASON, programme d'éducation thérapeutique

## Méthodes

### Ateliers de co-conception

Deux patients-experts formés à l'ETP (40 heures) ont co-animé les ateliers.

### Prototype

Le prototype comprend un bilan éducatif partagé et six séances collectives de deux heures.
Les personnes ayant une insuffisance rénale sévère ou une contre-indication médicale à
l'activité physique ont été exclues.
Le matériel comprend un classeur patient, un jeu de cartes alimentaires, des podomètres, un
lecteur de glycémie de démonstration et un site web d'accompagnement.

### Intervenants

Les séances sont animées en binôme par des professionnels de santé titulaires de la formation
de 40 heures à la dispensation de l'ETP, dont au moins un infirmier ou un médecin.
"""

PROTOTYPE_EN = """# Co-design and feasibility of DIAPASON, a patient education programme

## Methods

### Co-design workshops

Two expert patients trained in patient education (40 hours) co-facilitated the workshops.

### Prototype

The prototype comprises a shared educational assessment and six two-hour group sessions.
People with severe renal failure or a medical contraindication to physical activity were
excluded.
The material comprises a patient folder, a set of food cards, pedometers, a demonstration
glucose meter and a companion website.

### Intervention providers

Sessions are co-led in pairs by health professionals who hold the 40-hour patient education
certificate, at least one of them a nurse or a physician.
"""


def test_the_material_listed_as_such_is_pro06s_evidence():
    for text in (PROTOTYPE_FR, PROTOTYPE_EN):
        pro06 = suggest(text, study_type="prototypical", kind="paper")["PRO06"]
        # Listed without versions or access: partially met, as the paper guidance says.
        assert pro06.answer == "partially_met"
        assert first_quotation(pro06).startswith(("Le matériel comprend", "The material comprises"))


def test_an_exclusion_for_a_contraindication_is_pro02s_evidence():
    """Eligibility written without "criteria": the exclusion naming a contraindication."""
    for text, words in ((PROTOTYPE_FR, "Les personnes ayant une insuffisance rénale"),
                        (PROTOTYPE_EN, "People with severe renal failure")):
        pro02 = suggest(text, study_type="prototypical", kind="paper")["PRO02"]
        assert pro02.answer == "partially_met"
        assert first_quotation(pro02).startswith(words)


def test_the_health_professionals_who_lead_the_sessions_are_quoted_first():
    """Not the expert patients who co-led a design workshop."""
    for text, words in ((PROTOTYPE_FR, "Les séances sont animées en binôme"),
                        (PROTOTYPE_EN, "Sessions are co-led in pairs")):
        suggestions = suggest(text, study_type="prototypical", kind="paper")
        for invariant in ("PRO07", "E12"):
            assert first_quotation(suggestions[invariant]).startswith(words), invariant
            assert suggestions[invariant].answer == "partially_met"


TRIAL_FR = """# Efficacité de DIAPASON : essai contrôlé randomisé en grappes

## Méthodes

### Intervention et comparateur

Le bras témoin recevait les soins habituels du médecin traitant.
Les traitements hypoglycémiants et leurs modifications ont été relevés à chaque visite dans
les deux bras.

### Analyse statistique

L'analyse principale a été conduite en intention de traiter.
Des analyses de sous-groupes prédéfinies portaient sur l'âge, le niveau d'éducation et
l'HbA1c initiale.
"""

TRIAL_EN = """# Effectiveness of DIAPASON: a cluster randomised controlled trial

## Methods

### Intervention and comparator

The control arm received usual care from the general practitioner.
Glucose-lowering medications and their changes were recorded at each visit in both arms.

### Statistical analysis

The primary analysis followed the intention-to-treat principle.
Prespecified subgroup analyses examined age, education level and baseline HbA1c.
"""


def test_treatments_recorded_in_both_arms_and_subgroup_analyses_are_reported():
    for text, treatments, subgroups in (
            (TRIAL_FR, "Les traitements hypoglycémiants", "Des analyses de sous-groupes"),
            (TRIAL_EN, "Glucose-lowering medications", "Prespecified subgroup analyses")):
        suggestions = suggest(text, study_type="interventional", kind="paper")
        assert suggestions["INT14"].answer == "partially_met"
        assert first_quotation(suggestions["INT14"]).startswith(treatments)
        assert suggestions["INT16"].answer == "partially_met"
        assert first_quotation(suggestions["INT16"]).startswith(subgroups)


def test_treatment_adherence_recorded_in_both_arms_is_not_concomitant_care():
    text = TRIAL_EN.replace(
        "Glucose-lowering medications and their changes were recorded at each visit in both "
        "arms.", "Treatment adherence was recorded at each visit in both arms.")
    assert suggest(text, study_type="interventional", kind="paper")["INT14"].answer == \
        "not_reported"


ROLL_OUT_FR = """# Déploiement de DIAPASON dans trois régions : rapport d'évaluation

## Méthodes

Le coût a été estimé du point de vue de l'Assurance maladie (temps professionnel, formation,
matériel, coordination) par une méthode de micro-costing.

## Lieux de déploiement

Le programme a été déployé dans 31 MSP : 12 en Bretagne (Ille-et-Vilaine, Morbihan), 10 en
Occitanie (Hérault, Gard) et 9 dans les Hauts-de-France (Nord, Pas-de-Calais).
"""

ROLL_OUT_EN = """# Roll-out of DIAPASON in three regions: evaluation report

## Methods

Costs were estimated from the NHS perspective (staff time, training, materials,
coordination) using micro-costing.

## Deployment sites

The programme was deployed in 31 primary care centres: 12 in Brittany, 10 in Occitania and 9
in Hauts-de-France.
"""


def test_a_costing_sentence_is_not_where_the_programme_was_deployed():
    for text, words in ((ROLL_OUT_FR, "Le programme a été déployé dans 31 MSP"),
                        (ROLL_OUT_EN, "The programme was deployed in 31")):
        imp01 = suggest(text, study_type="implementation", kind="paper")["IMP01"]
        assert first_quotation(imp01).startswith(words)
        assert "micro-costing" not in " ".join(q.text for q in imp01.quotations)
