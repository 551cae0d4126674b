"""Sweden's counties and municipalities, loaded by a data migration from casestudies/data/."""

from collections import Counter

import pytest

from casestudies.models import County, Municipality

pytestmark = pytest.mark.django_db

MUNICIPALITIES_PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33, "13": 6,
    "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
}  # fmt: skip


def test_there_are_21_counties_with_official_codes():
    codes = sorted(County.objects.values_list("code", flat=True))

    assert len(codes) == 21
    assert codes == sorted(MUNICIPALITIES_PER_COUNTY)
    assert County.objects.get(code="01").name == "Stockholms län"
    assert County.objects.get(code="25").name == "Norrbottens län"
    assert not County.objects.filter(code__in=["02", "11", "15", "16"]).exists()


def test_there_are_290_municipalities_each_in_the_county_its_code_names():
    municipalities = list(Municipality.objects.select_related("county"))

    assert len(municipalities) == 290
    assert len({m.code for m in municipalities}) == 290
    assert all(len(m.code) == 4 and m.code.isdigit() and m.code[:2] == m.county.code for m in municipalities)
    assert Counter(m.county.code for m in municipalities) == MUNICIPALITIES_PER_COUNTY


@pytest.mark.parametrize(
    ("code", "name", "county"),
    [
        ("0180", "Stockholm", "Stockholms län"),
        ("0980", "Gotland", "Gotlands län"),
        ("1280", "Malmö", "Skåne län"),
        ("1480", "Göteborg", "Västra Götalands län"),
        ("2023", "Malung-Sälen", "Dalarnas län"),
        ("2309", "Krokom", "Jämtlands län"),
        ("2584", "Kiruna", "Norrbottens län"),
    ],
)
def test_known_municipalities(code, name, county):
    municipality = Municipality.objects.select_related("county").get(code=code)

    assert (municipality.name, municipality.county.name) == (name, county)
