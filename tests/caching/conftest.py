from tests import factories

# Shared fixtures, made visible to this package's tests.
home_page = factories.home_page
media_root = factories.media_root
