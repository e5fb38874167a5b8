"""Live updates for open thread pages. The forum calls these after commit."""


def post_created(post) -> None:
    """Tell readers of ``post.thread`` that a post appeared (implemented with the live threads)."""
