"""Email delivery as background tasks: immediate in the embedded default, a worker in production."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, None, recipients)
