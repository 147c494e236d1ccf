from browser_support import BROWSER, signed_up_page

pytestmark = BROWSER


def test_nadia(live_server):
    with signed_up_page(live_server, "nadia") as page:
        page.get_by_role("button", name="FR").click()
        page.goto(f"{live_server}/assessments/new")
        page.locator("input[type=file]").first.set_input_files("/tmp/h-impl/protocole_imple_pied.docx")
        page.get_by_role("button", name="Lire les informations du document").click()
        page.wait_for_load_state()
        page.screenshot(path="/tmp/h-impl/b1_read.png", full_page=True)
        page.get_by_label("Type d'étude").select_option("implementation")
        page.get_by_label("Nom de l'intervention non médicamenteuse").fill("PIED-EHPAD")
        page.get_by_label("Physique").check()
        page.get_by_role("button", name="Créer l'évaluation").click()
        page.wait_for_load_state()
        page.screenshot(path="/tmp/h-impl/b2_assessment.png", full_page=False)
        page.get_by_role("button", name="Accepter la suggestion pour IMP06").click()
        page.wait_for_timeout(1500)
        imp06 = page.locator("#IMP06, [id*=IMP06]").first
        imp06.scroll_into_view_if_needed()
        page.screenshot(path="/tmp/h-impl/b3_imp06.png")
        page.goto(page.url.rstrip("/") + "/results")
        page.screenshot(path="/tmp/h-impl/b4_results.png", full_page=False)
