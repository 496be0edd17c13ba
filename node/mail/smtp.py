"""One message to the SMTP server ([mail] settings) and what the server answered.

A failure says whether trying again can help: a 5xx reply is permanent (the address does
not exist, the message is refused), a 4xx reply or no connection at all is temporary.
"""

from __future__ import annotations

from email.message import EmailMessage

from node.config import MailSettings

TIMEOUT_SECONDS = 30


class SendFailed(Exception):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


async def send(settings: MailSettings, message: EmailMessage) -> str:
    """Send one message; the server's answer, e.g. '250 2.0.0 Ok: queued as 4F2A'."""
    import aiosmtplib  # only a node with mail settings sends: the others need not hold it

    try:
        refused, answer = await aiosmtplib.send(
            message,
            hostname=settings.host,
            port=settings.port,
            username=settings.username or None,
            password=settings.password or None,
            use_tls=settings.security == "tls",
            start_tls=settings.security == "starttls",
            timeout=TIMEOUT_SECONDS,
        )
    except aiosmtplib.SMTPRecipientsRefused as error:
        first = error.recipients[0]
        raise SendFailed(f"{first.code} {first.message}", permanent=first.code >= 500) from None
    except aiosmtplib.SMTPResponseException as error:
        raise SendFailed(f"{error.code} {error.message}", permanent=error.code >= 500) from None
    except (aiosmtplib.SMTPException, OSError) as error:
        where = f"{settings.host}:{settings.port}"
        raise SendFailed(f"no answer from {where}: {error}", permanent=False) from None
    if refused:
        reply = next(iter(refused.values()))
        raise SendFailed(f"{reply.code} {reply.message}", permanent=reply.code >= 500)
    return answer
