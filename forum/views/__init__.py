"""The forum's pages, one module a topic: ``threads`` (index, category, thread, starting one),
``posts``, ``initiatives``, ``practices``, ``moderation``, ``subscriptions``, ``search`` and
``feeds``; ``common`` holds what they share; form pages go through ``core.views.form_page``."""
