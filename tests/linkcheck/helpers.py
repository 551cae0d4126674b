from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from tests import factories


def page_with_links(parent, title, html, **fields):
    """A published information page whose body is one rich-text paragraph."""
    page = factories.StandardPageFactory(parent=parent, title=title, body=[("paragraph", RichText(html))], **fields)
    return factories.publish(page)


def report_rows(client, query=""):
    """The rows of "Trasiga länkar" as an editor sees them: {url: {column: text}}."""
    return {row["Adress"]: row for row in report_list(client, query)}


def report_list(client, query=""):
    """The rows of "Trasiga länkar" as an editor sees them: [{column: text}]."""
    response = client.get("/admin/rapporter/trasiga-lankar/" + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    return [
        dict(zip(headings, [td.get_text(" ", strip=True) for td in tr.select("td")], strict=False))
        for tr in soup.select("table.listing tbody tr")
    ]
