"""A page with hundreds of comments costs the same number of queries as one with ten."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import add_comment


def _queries(client, url):

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_comment_count_does_not_change_query_count(client, make_post, django_assert_max_num_queries):
    small = make_post("liten", comment_mode="open", comments_login="anonymous")
    large = make_post("stor", comment_mode="open", comments_login="anonymous")
    users = [get_user_model().objects.create_user(username=f"u{i}", email=f"u{i}@example.se") for i in range(50)]
    for i in range(10):
        add_comment(small, f"Kommentar {i}", user=users[i])
    parents = []
    for i in range(150):
        parents.append(add_comment(large, f"Kommentar {i}", user=users[i % 50], name=f"Läsare {i % 50}"))
    for i, parent in enumerate(parents):
        add_comment(large, f"Svar {i}", parent=parent, user=users[(i + 1) % 50])
    _queries(client, small.url)
    _queries(client, large.url)  # warm Wagtail's per-site caches alike
    budget = _queries(client, small.url)
    html = client.get(large.url).content.decode()
    assert html.count('class="comment"') == 300
    with django_assert_max_num_queries(budget):
        client.get(large.url)
