"""A real SMTP server for tests (aiosmtpd), on a free port, that can be down and come back."""

from __future__ import annotations

import socket

from aiosmtpd.controller import Controller


def free_port() -> int:
    """Return a port nothing listens on now (bound once by the OS, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collect:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.sink.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.sink.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8")))
        return "250 Message accepted"


class SmtpSink:
    """An SMTP server on `port`: `start()` accepts mail into `messages`, `stop()` refuses
    connections (nothing listens). Addresses in `refused` get a permanent 550."""

    def __init__(self):
        self.port = free_port()
        self.messages: list[tuple[list[str], str]] = []
        self.refused: set[str] = set()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(_Collect(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def recipients(self) -> list[str]:
        return [address for rcpt_tos, _content in self.messages for address in rcpt_tos]

    def settings(self) -> dict:
        """Return the Django settings that send mail to this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }
