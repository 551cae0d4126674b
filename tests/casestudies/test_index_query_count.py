"""The case study index costs the same number of queries with 10 or 100 case studies."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import memo
from tests.casestudies.factories import CaseStudyPageFactory

COUNTIES = ["01", "09", "12", "14", "20", "21", "23", "24", "25"]
TYPES = ["kommun", "region", "lansstyrelse", "myndighet", "annan"]
# Matches "Exempel 0" among the first ten, and more among a hundred.
FILTERED = "/exempel/?typ=kommun&lan=01&tema=finansiering"
THEMES = ["finansiering", "service", "unga", "föreningsliv", "statistik"]


def add_case_studies(index, start, stop):
    for number in range(start, stop):
        county = COUNTIES[number % len(COUNTIES)]
        CaseStudyPageFactory(
            parent=index,
            title=f"Exempel {number}",
            organisation_type=TYPES[number % len(TYPES)],
            county=county,
            municipality="2309" if county == "23" else None,
            tag_names=[THEMES[number % len(THEMES)], THEMES[(number + 2) % len(THEMES)]],
        )


def count_queries(client, url):
    """Queries of a render with nothing remembered (caching.memo): what each reader's first
    request after an edit costs."""
    memo.forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_index_queries_do_not_grow_with_case_studies(client, case_index):
    # Every card on one page, so a per-card query would show.
    case_index.per_page = 200
    case_index.save_revision().publish()
    add_case_studies(case_index, 0, 10)
    client.get("/exempel/")  # warm the site and URL caches, as any earlier request would

    with_ten, response = count_queries(client, "/exempel/")
    assert response.content.decode().count('class="card case-card"') == 10
    filtered_ten, response = count_queries(client, FILTERED)
    assert "Exempel 0" in response.content.decode()

    add_case_studies(case_index, 10, 100)
    client.get("/exempel/")
    with_hundred, response = count_queries(client, "/exempel/")
    assert response.content.decode().count('class="card case-card"') == 100
    filtered_hundred, _ = count_queries(client, FILTERED)

    assert with_ten == with_hundred
    assert filtered_ten == filtered_hundred
    assert with_hundred <= 24  # the page owner and review dates at the foot add a fixed three


def test_home_page_section_queries_do_not_grow(client, case_index):
    add_case_studies(case_index, 0, 3)
    client.get("/")
    with_three, _ = count_queries(client, "/")
    add_case_studies(case_index, 3, 30)
    client.get("/")  # the first reader after an edit works out the remembered answers anew
    with_thirty, _ = count_queries(client, "/")

    assert with_three == with_thirty
