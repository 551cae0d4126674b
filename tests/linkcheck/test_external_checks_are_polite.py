"""The external check waits between requests to one host, asks a bounded number of hosts at once,
gives up after the timeout, asks nobody on publish, and leaves private networks alone by default."""

from linkcheck.external import check_urls
from linkcheck.models import BrokenLink
from tests.linkcheck.helpers import page_with_links


def test_one_host_is_asked_one_address_at_a_time_with_a_pause(link_server, settings):
    settings.LINKCHECK_HOST_INTERVAL = 0.3
    urls = [f"{link_server.base}/ok/{n}" for n in range(4)]

    results = check_urls(urls)

    assert all(results[url].ok and results[url].status_code == 200 for url in urls)
    times = sorted(moment for _method, _path, moment, _host in link_server.requests)
    assert len(times) == 4, "HEAD once per address"
    assert min(later - earlier for earlier, later in zip(times, times[1:], strict=False)) >= 0.29
    assert link_server.max_in_flight == 1


def test_different_hosts_are_asked_side_by_side_up_to_the_limit(link_server, settings):
    settings.LINKCHECK_HOST_INTERVAL = 0
    link_server.slow_seconds = 0.4
    port = link_server.server_address[1]
    urls = [f"http://127.0.0.1:{port}/langsam", f"http://localhost:{port}/langsam"]

    settings.LINKCHECK_MAX_WORKERS = 1
    check_urls(urls)
    assert link_server.max_in_flight == 1

    link_server.max_in_flight = 0
    settings.LINKCHECK_MAX_WORKERS = 2
    check_urls(urls)
    assert link_server.max_in_flight == 2


def test_a_server_that_does_not_answer_in_time_is_reported_and_not_waited_for(link_server, settings):
    settings.LINKCHECK_TIMEOUT = 0.3
    link_server.slow_seconds = 3
    result = check_urls([f"{link_server.base}/langsam"])[f"{link_server.base}/langsam"]
    assert not result.ok
    assert result.reason == "Inget svar inom 0.3 sekunder"


def test_publishing_asks_no_other_site(home_page, link_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page_with_links(home_page, "Stöd", f'<p><a href="{link_server.base}/saknas">Regler</a></p>')
    assert link_server.requests == []
    assert not BrokenLink.objects.exists()


def test_links_to_private_networks_are_not_followed_unless_allowed(link_server, settings):
    url = f"{link_server.base}/saknas"
    settings.LINKCHECK_CHECK_PRIVATE_ADDRESSES = False
    result = check_urls([url])[url]
    assert result.ok and not result.checked
    assert link_server.requests == []

    settings.LINKCHECK_CHECK_PRIVATE_ADDRESSES = True
    result = check_urls([url])[url]
    assert not result.ok and result.status_code == 404
    assert [path for _method, path, _moment, _host in link_server.requests] == ["/saknas", "/saknas"]  # HEAD, GET
    assert link_server.requests[0][0] == "HEAD"
