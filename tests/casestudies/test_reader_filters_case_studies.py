"""A reader narrows the case studies by organisation type, county and theme, without JavaScript."""

import pytest
from bs4 import BeautifulSoup

from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import publish


@pytest.fixture
def case_studies(case_index):
    def make(title, organisation_type, county, tags, municipality=None):
        return publish(
            CaseStudyPageFactory(
                parent=case_index,
                title=title,
                organisation_type=organisation_type,
                county=county,
                municipality=municipality,
                tag_names=tags,
            )
        )

    pages = {
        "a": make("Bygdepengen", "kommun", "23", ["finansiering", "medborgardialog"], municipality="2309"),
        "b": make("Byapengar", "kommun", "21", ["finansiering"], municipality="2161"),
        "c": make("Fler röster", "region", "23", ["medborgardialog"]),
        "d": make("Servicepunkter", "lansstyrelse", "20", ["service"]),
        "e": make("Statistik för alla", "myndighet", "23", []),
        "f": make("Laddstolpar", "annan", "09", ["föreningsliv", "finansiering"], municipality="0980"),
    }
    # A draft counts nowhere.
    CaseStudyPageFactory(parent=case_index, title="Utkast", organisation_type="region", county="24", live=False)
    return pages


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [link.get_text() for link in soup(response).select(".case-card .card__title a")]


def options(response, name):
    select = soup(response).find("select", attrs={"name": name})
    return {option["value"]: option.get_text() for option in select.find_all("option") if option["value"]}


def status(response):
    return " ".join(soup(response).find(attrs={"role": "status"}).get_text().split())


def test_without_filters_every_published_case_study_is_listed_with_counts(client, case_studies):
    response = client.get("/exempel/", {"sida": 1})

    assert response.status_code == 200
    assert status(response) == "6 exempel."
    assert options(response, "typ") == {
        "kommun": "Kommun (2)",
        "region": "Region (1)",
        "lansstyrelse": "Länsstyrelse (1)",
        "myndighet": "Myndighet (1)",
        "annan": "Annan organisation (1)",
    }
    counties = options(response, "lan")
    assert len(counties) == 21
    assert counties["23"] == "Jämtlands län (3)"
    assert counties["21"] == "Gävleborgs län (1)"
    assert counties["24"] == "Västerbottens län (0)"  # the draft is not counted
    assert options(response, "tema") == {
        "finansiering": "finansiering (3)",
        "föreningsliv": "föreningsliv (1)",
        "medborgardialog": "medborgardialog (2)",
        "service": "service (1)",
    }
    assert "Utkast" not in response.content.decode()


def test_filter_by_organisation_type(client, case_studies):
    response = client.get("/exempel/", {"typ": "kommun"})

    assert sorted(titles(response)) == ["Byapengar", "Bygdepengen"]
    assert status(response) == "2 exempel matchar: Kommun."
    # Other filters count within the chosen type; the type's own counts stay as they were.
    assert options(response, "lan")["23"] == "Jämtlands län (1)"
    assert options(response, "lan")["20"] == "Dalarnas län (0)"
    assert options(response, "tema")["finansiering"] == "finansiering (2)"
    assert options(response, "typ")["region"] == "Region (1)"
    selected = soup(response).find("select", attrs={"name": "typ"}).find("option", selected=True)
    assert selected["value"] == "kommun"


def test_filter_by_county(client, case_studies):
    response = client.get("/exempel/", {"lan": "23"})

    assert sorted(titles(response)) == ["Bygdepengen", "Fler röster", "Statistik för alla"]
    assert status(response) == "3 exempel matchar: Jämtlands län."
    assert options(response, "typ") == {
        "kommun": "Kommun (1)",
        "region": "Region (1)",
        "lansstyrelse": "Länsstyrelse (0)",
        "myndighet": "Myndighet (1)",
        "annan": "Annan organisation (0)",
    }
    assert options(response, "tema")["medborgardialog"] == "medborgardialog (2)"


def test_filter_by_theme(client, case_studies):
    response = client.get("/exempel/", {"tema": "finansiering"})

    assert sorted(titles(response)) == ["Byapengar", "Bygdepengen", "Laddstolpar"]
    assert status(response) == "3 exempel matchar: finansiering."
    assert options(response, "lan")["09"] == "Gotlands län (1)"
    assert options(response, "typ")["annan"] == "Annan organisation (1)"


def test_theme_with_swedish_letters(client, case_studies):
    response = client.get("/exempel/", {"tema": "föreningsliv"})

    assert response.status_code == 200
    assert titles(response) == ["Laddstolpar"]


def test_all_three_filters_together(client, case_studies):
    response = client.get("/exempel/", {"typ": "kommun", "lan": "23", "tema": "finansiering"})

    assert titles(response) == ["Bygdepengen"]
    assert status(response) == "1 exempel matchar: Kommun, Jämtlands län, finansiering."
    assert options(response, "typ")["kommun"] == "Kommun (1)"
    assert options(response, "typ")["region"] == "Region (0)"
    assert options(response, "lan")["21"] == "Gävleborgs län (1)"
    assert options(response, "tema")["medborgardialog"] == "medborgardialog (1)"


def test_type_and_county(client, case_studies):
    response = client.get("/exempel/", {"typ": "region", "lan": "23"})

    assert titles(response) == ["Fler röster"]


def test_no_match_says_so_and_offers_to_clear_the_filters(client, case_studies):
    response = client.get("/exempel/", {"typ": "region", "tema": "service"})

    assert response.status_code == 200
    assert titles(response) == []
    assert status(response) == "0 exempel matchar: Region, service."
    empty = soup(response).select_one(".case-results__empty")
    assert "Inga exempel matchar de filter du valt." in empty.get_text()
    assert empty.find("a", string="Rensa filtren och visa alla exempel")["href"] == "/exempel/"


def test_empty_form_fields_are_no_filter(client, case_studies):
    response = client.get("/exempel/", {"typ": "", "lan": "", "tema": ""})

    assert response.status_code == 200
    assert status(response) == "6 exempel."
    assert soup(response).find("a", string="Rensa filtren") is None


def test_filter_form_is_a_get_form_with_labelled_fields(client, case_studies):
    form = soup(client.get("/exempel/")).find("form", class_="case-filter")

    assert form["method"] == "get"
    assert form["action"] == "/exempel/"
    for name in ("typ", "lan", "tema"):
        select = form.find("select", attrs={"name": name})
        assert form.find("label", attrs={"for": select["id"]}).get_text().strip()
    assert form.find("button", attrs={"type": "submit"})


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"typ": "foretag"}, "Det finns ingen sådan organisationstyp."),
        ({"lan": "99"}, "Det finns inget sådant län."),
        ({"lan": "2"}, "Det finns inget sådant län."),
        ({"lan": "<script>"}, "Det finns inget sådant län."),
        ({"tema": "finns-inte"}, "Det finns inget sådant tema."),
        ({"tema": "a b/c"}, "Det finns inget sådant tema."),
        ({"tema": "x" * 500}, "Det finns inget sådant tema."),
        ({"tema": "\x00"}, "Det finns inget sådant tema."),
    ],
)
def test_invalid_filter_is_ignored_with_a_clear_message(client, case_index, query, message):
    publish(CaseStudyPageFactory(parent=case_index, title="Bygdepengen", tag_names=["finansiering"]))

    response = client.get("/exempel/", query)

    assert response.status_code == 400
    alert = soup(response).find(attrs={"role": "alert"})
    assert message in alert.get_text()
    assert titles(response) == ["Bygdepengen"]
    (name,) = query
    assert soup(response).find("select", attrs={"name": name}).find("option", selected=True) is None


def test_invalid_filter_does_not_drop_the_valid_ones(client, case_studies):
    response = client.get("/exempel/", {"typ": "kommun", "lan": "99"})

    assert response.status_code == 400
    assert sorted(titles(response)) == ["Byapengar", "Bygdepengen"]


def test_pages_keep_the_filters(client, case_index, case_studies):
    for number in range(5):
        publish(CaseStudyPageFactory(parent=case_index, title=f"Jämtland {number}", county="23"))

    first = client.get("/exempel/", {"lan": "23"})
    second = client.get("/exempel/", {"lan": "23", "sida": "2"})

    assert status(first) == "8 exempel matchar: Jämtlands län."
    assert len(titles(first)) == 5 and len(titles(second)) == 3
    next_link = soup(first).find("a", rel="next")
    assert next_link["href"] == "?lan=23&sida=2"
    assert client.get("/exempel/", {"lan": "23", "sida": "x"}).status_code == 200
    assert titles(client.get("/exempel/", {"lan": "23", "sida": "99"})) == titles(second)


def test_county_overview_counts_and_links_to_the_filtered_list(client, case_studies):
    overview = soup(client.get("/exempel/", {"typ": "myndighet"})).select_one(".county-overview")
    rows = {" ".join(item.get_text().split()) for item in overview.find_all("li")}

    assert len(rows) == 21
    # The overview counts every case study, whatever the reader has filtered on.
    assert "Jämtlands län 3 exempel" in rows
    assert "Gotlands län 1 exempel" in rows
    assert "Blekinge län 0 exempel" in rows
    assert overview.find("a", string="Jämtlands län")["href"] == "/exempel/?lan=23"
    assert overview.find("a", string="Blekinge län") is None

    followed = client.get(overview.find("a", string="Jämtlands län")["href"])
    assert status(followed) == "3 exempel matchar: Jämtlands län."
