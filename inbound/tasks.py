from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_bounce(subject: str, body: str, to: str, in_reply_to: str = "") -> int:
    """A refusal, sent back to who wrote; marked automatic so that no auto-reply answers it."""
    headers = {"Auto-Submitted": "auto-replied"}
    if in_reply_to:
        headers["In-Reply-To"] = in_reply_to
        headers["References"] = in_reply_to
    return EmailMessage(subject, body, None, [to], headers=headers).send()
