from tests.discussion.conftest import (  # noqa: F401 - the same site, pages and readers
    _clear_cache,
    anonymous_post,
    blog_index,
    comment_settings,
    make_post,
    moderator,
    open_post,
    reader,
    site,
)
