from django.core.management.base import BaseCommand

from linkcheck.tasks import check_all_links_task


class Command(BaseCommand):
    help = (
        "Checks every live page's links: internal ones against the site, external ones over HTTP with a "
        "timeout and a pause between requests to one host. Run nightly (deploy/systemd/landsbygd-check-links.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--internal-only", action="store_true", help="Skip the links to other sites.")
        parser.add_argument("--enqueue", action="store_true", help="Hand the run to the task worker.")

    def handle(self, *args, internal_only=False, enqueue=False, **options):
        if enqueue:
            check_all_links_task.enqueue(include_external=not internal_only)
            self.stdout.write("Link check handed to the task worker.")
            return
        pages, internal, asked, external = check_all_links_task.call(include_external=not internal_only)
        self.stdout.write(
            f"{pages} pages checked: {internal} broken internal links, {asked} external addresses asked, "
            f"{external} broken external links."
        )
