"""Load Sweden's 21 counties and 290 municipalities from the CSV files in casestudies/data/."""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_geography(apps, schema_editor):
    County = apps.get_model("casestudies", "County")
    Municipality = apps.get_model("casestudies", "Municipality")
    County.objects.bulk_create([County(code=row["code"], name=row["name"]) for row in read_rows("counties.csv")])
    counties = {county.code: county for county in County.objects.all()}
    Municipality.objects.bulk_create(
        [
            Municipality(code=row["code"], name=row["name"], county=counties[row["county"]])
            for row in read_rows("municipalities.csv")
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0001_initial")]

    operations = [migrations.RunPython(load_geography, migrations.RunPython.noop)]
