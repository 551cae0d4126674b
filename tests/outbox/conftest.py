from tests.factories import home_page, media_root  # noqa: F401
