"""Local stand-ins for the outside world: a real SMTP server (aiosmtpd) and a GOV.UK Notify API (http.server)."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from aiosmtpd.controller import Controller

from safer.accounts.choices import AgencyKind, Role

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"safer_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = str(uuid.uuid4())
SMS_TEMPLATE = str(uuid.uuid4())
LETTER_TEMPLATE = str(uuid.uuid4())


class _Collector:
    """aiosmtpd handler keeping every message received; `refuse` makes it answer RCPT with that reply."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.refuse: str = ""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    """A port nobody listens on now (aiosmtpd needs the number before it starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[_Collector]:
    """A real SMTP server on 127.0.0.1 (a free port), with the service configured to send through it."""
    handler = _Collector()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.SAFER_NOTIFICATIONS = {
        **settings.SAFER_NOTIFICATIONS,
        "BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "FROM_EMAIL": "Safer Communities <no-reply@example.org>",
    }
    try:
        yield handler
    finally:
        controller.stop()


@dataclass
class NotifyStandIn:
    """What the stand-in received, and the replies it gives next (status, body) before answering 201."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    replies: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    url: str = ""


def _notify_handler(state: NotifyStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            payload = json.loads(self.rfile.read(length) or b"{}")
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:  # as Notify does: HS256 with the key's secret, issued by the service id
                claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
                assert claims["iss"] == SERVICE_ID
            except Exception:
                self._reply(403, {"status_code": 403, "errors": [{"error": "AuthError", "message": "Invalid token"}]})
                return
            state.requests.append({"path": self.path, "json": payload})
            if state.replies:
                status, body = state.replies.pop(0)
                self._reply(status, body)
                return
            if self.path not in ("/v2/notifications/email", "/v2/notifications/sms", "/v2/notifications/letter"):
                self._reply(404, {"status_code": 404, "errors": [{"error": "NotFound", "message": "Not found"}]})
                return
            self._reply(201, {"id": str(uuid.uuid4()), "reference": payload.get("reference"), "content": {}})

    return Handler


@pytest.fixture
def notify_server(settings: Any) -> Iterator[NotifyStandIn]:
    """A local HTTP server answering like the GOV.UK Notify API, with the service configured to use it."""
    state = NotifyStandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _notify_handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.SAFER_NOTIFICATIONS = {
        **settings.SAFER_NOTIFICATIONS,
        "BACKEND": "notify",
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": state.url,
        "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE,
        "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE,
        "NOTIFY_LETTER_TEMPLATE_ID": LETTER_TEMPLATE,
        "NOTIFY_CALLBACK_TOKEN": "receipt-token-for-tests",
    }
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def council(make_organisation: Any) -> Any:
    """The organisation messages are sent for."""
    return make_organisation(name="Notifications Council", kind=AgencyKind.COUNCIL)


@pytest.fixture
def manager(make_user: Any, council: Any) -> Any:
    """A case manager of the council (sees the council's messages)."""
    return make_user(role=Role.CASE_MANAGER, organisation=council, username="nm")
