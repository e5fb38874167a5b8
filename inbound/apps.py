from django.apps import AppConfig


class InboundConfig(AppConfig):
    name = "inbound"
    verbose_name = "Replies by email"

    def ready(self):
        from notifications import replies

        # What a notification email's reply address may answer (handled in inbound.actions).
        replies.register("p", "forum.post")
        replies.register("c", "conversations.conversation")
