"""The moderation area (``/moderation/``), one module a topic: ``overview``, ``log`` (the audit
log and its CSV), ``people`` (a person and their roles), ``institutes`` and ``invitations``.
The queues of the other apps (applications, people, reports, practices, portal, keywords) are
their own views, routed here by ``moderation/urls.py`` and drawn in the area's layout."""
