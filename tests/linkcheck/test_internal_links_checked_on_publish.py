"""Links between the site's own pages are checked when a page is published, unpublished or deleted
(in the worker, after the commit) and nightly: a link to a page that is unpublished or deleted is
listed, and leaves the report when the page is back or the link is removed."""

from django.core.management import call_command
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from linkcheck.models import BrokenLink
from tests import factories
from tests.blog.factories import BlogIndexPageFactory, make_post
from tests.linkcheck.helpers import page_with_links, report_list, report_rows


def test_publishing_a_page_with_a_link_to_a_draft_lists_it(
    client, home_page, editor, django_capture_on_commit_callbacks
):
    draft = factories.StandardPageFactory(parent=home_page, title="Bygdepeng", slug="bygdepeng", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page_with_links(home_page, "Stöd", f'<p>Läs om <a linktype="page" id="{draft.pk}">bygdepengen</a>.</p>')

    client.force_login(editor)
    rows = report_rows(client)
    assert rows == {
        "/bygdepeng/": {
            "Sida": "Stöd",
            "Länktext": "bygdepengen",
            "Adress": "/bygdepeng/",
            "Fel": "Sidan är inte publicerad",
            "Trasig sedan": rows["/bygdepeng/"]["Trasig sedan"],
            "Senast kontrollerad": rows["/bygdepeng/"]["Senast kontrollerad"],
        }
    }

    # Publishing the target re-checks the pages that link to it: the link is fine now.
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(draft)
    assert report_rows(client) == {}


def test_unpublishing_or_deleting_a_linked_page_lists_the_link_on_the_pages_that_point_to_it(
    client, home_page, editor, django_capture_on_commit_callbacks
):
    target = factories.publish(factories.StandardPageFactory(parent=home_page, title="Bidrag", slug="bidrag"))
    other = factories.publish(factories.StandardPageFactory(parent=home_page, title="Stipendier", slug="stipendier"))
    with django_capture_on_commit_callbacks(execute=True):
        linking = page_with_links(
            home_page,
            "Stöd",
            f'<p><a linktype="page" id="{target.pk}">Om bidrag</a> och <a linktype="page" id="{other.pk}">stipendier</a></p>',
        )
    client.force_login(editor)
    assert report_rows(client) == {}, "both targets are live"

    with django_capture_on_commit_callbacks(execute=True):
        target.unpublish()
    rows = report_rows(client)
    assert list(rows) == ["/bidrag/"]
    assert rows["/bidrag/"]["Sida"] == "Stöd" and rows["/bidrag/"]["Fel"] == "Sidan är inte publicerad"

    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    rows = report_rows(client)
    assert sorted(rows) == ["/bidrag/", f"sida {other.pk}"]
    assert rows[f"sida {other.pk}"]["Länktext"] == "stipendier"
    assert rows[f"sida {other.pk}"]["Fel"] == "Finns inte längre (borttagen)"

    # The editor removes both links and publishes: the page's rows are gone.
    linking.body = StreamValue(linking.body.stream_block, [("paragraph", RichText("<p>Inga länkar nu.</p>"))])
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(linking)
    assert report_rows(client) == {}


def test_related_pages_and_call_to_action_blocks_are_checked_too(
    client, home_page, editor, django_capture_on_commit_callbacks
):
    blog = factories.publish(BlogIndexPageFactory(parent=home_page))
    draft_post = make_post(blog, title="Kommande inlägg", slug="kommande", publish_now=False, live=False)
    page = factories.StandardPageFactory(
        parent=home_page,
        title="Samlingssida",
        body=[
            (
                "call_to_action",
                {"text": "Läs det kommande inlägget", "page": draft_post, "url": "", "open_in_new_window": False},
            )
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(page)
    post = make_post(blog, title="Publicerat inlägg", slug="publicerat")
    post.related_pages.create(related_page=draft_post)
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(post)

    client.force_login(editor)
    rows = sorted((row["Sida"], row["Länktext"], row["Adress"]) for row in report_list(client))
    assert rows == [
        ("Publicerat inlägg", "Kommande inlägg", "/blogg/kommande/"),
        ("Samlingssida", "Läs det kommande inlägget", "/blogg/kommande/"),
    ]


def test_the_nightly_run_finds_internal_links_missed_on_publish(client, home_page, editor):
    target = factories.publish(factories.StandardPageFactory(parent=home_page, title="Bidrag", slug="bidrag"))
    page_with_links(home_page, "Stöd", f'<p><a linktype="page" id="{target.pk}">Om bidrag</a></p>')
    # Unpublished without the signal's task running (say, the worker was down).
    target.unpublish()
    assert not BrokenLink.objects.exists()

    call_command("check_links", "--internal-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(editor)
    assert list(report_rows(client)) == ["/bidrag/"]


def test_a_post_with_a_hero_picture_is_checked_too(client, home_page, editor, django_capture_on_commit_callbacks):
    """The hero is an ImageBlock, whose value is the Image itself: the link check looks past it."""
    from tests.factories import ImageFactory
    from website.blocks import image_stream

    draft = factories.StandardPageFactory(parent=home_page, title="Bygdepeng", slug="bygdepeng", live=False)
    index = BlogIndexPageFactory(parent=home_page)
    picture = ImageFactory(description="En cykelverkstad.")
    body = [("paragraph", RichText(f'<p>Läs om <a linktype="page" id="{draft.pk}">bygdepengen</a>.</p>'))]
    with django_capture_on_commit_callbacks(execute=True):
        make_post(index, title="Cyklar", hero=image_stream(picture), body=body)

    client.force_login(editor)
    rows = report_rows(client)
    assert list(rows) == ["/bygdepeng/"] and rows["/bygdepeng/"]["Sida"] == "Cyklar"
