"""The newest case studies on the home page, each a card linking to the case study."""

from bs4 import BeautifulSoup

from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import publish


def test_home_page_lists_the_newest_case_studies(client, case_index):
    for number in range(4):
        publish(CaseStudyPageFactory(parent=case_index, title=f"Exempel {number}", tag_names=["service"]))
    CaseStudyPageFactory(parent=case_index, title="Utkast", live=False)

    html = BeautifulSoup(client.get("/").content, "html.parser")

    heading = html.find("h2", string="Nya goda exempel")
    section = heading.find_parent("section")
    titles = [link.get_text() for link in section.select(".card__title a")]
    assert titles == ["Exempel 3", "Exempel 2", "Exempel 1"]
    assert section.select_one("h3.card__title a")["href"] == "/exempel/exempel-3/"
    assert section.find("a", string="Alla goda exempel")["href"] == "/exempel/"


def test_home_page_without_case_studies_has_no_empty_section(client, case_index):
    html = BeautifulSoup(client.get("/").content, "html.parser")

    assert html.find("h2", string="Nya goda exempel") is None


def test_index_is_in_the_main_menu(client, case_index):
    html = BeautifulSoup(client.get("/").content, "html.parser")

    assert html.select_one(".main-menu").find("a", string="Goda exempel")["href"] == "/exempel/"
