"""Email delivery as background tasks: immediate in the embedded default, a worker in production."""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(
    subject: str, body: str, recipients: list[str], reply_to: list[str] | None = None
) -> int:
    return EmailMessage(subject, body, None, recipients, reply_to=reply_to or None).send()
