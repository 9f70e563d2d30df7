"""The IMAP poller against a small IMAP4rev1 server (the subset a mail client's poll uses:
CAPABILITY, LOGIN, SELECT, UID SEARCH UNSEEN, UID FETCH BODY.PEEK[], UID STORE +FLAGS, LOGOUT)
run locally over a real socket, since no IMAP server runs here."""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from sqlalchemy import func, select

from kefu.channels.email.imap import parse_imap_url, poll_once
from kefu.tickets.models import Message, Ticket
from tests.conftest import Env


@dataclass
class Mailbox:
    mails: dict[int, bytes] = field(default_factory=dict)
    seen: set[int] = field(default_factory=set)
    logins: list[tuple[str, str]] = field(default_factory=list)


class ImapHandler(socketserver.StreamRequestHandler):
    box: Mailbox

    def send(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.send("* OK [CAPABILITY IMAP4rev1] test server ready")
        while raw := self.rfile.readline():
            tag, _, rest = raw.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1")
            elif command == "LOGIN":
                user, password = re.findall(r'"([^"]*)"|(\S+)', args)[:2]
                self.box.logins.append((user[0] or user[1], password[0] or password[1]))
            elif command == "SELECT":
                self.send(f"* {len(self.box.mails)} EXISTS")
                self.send("* FLAGS (\\Seen)")
            elif command == "UID":
                self.uid(tag, args)
                continue
            elif command == "LOGOUT":
                self.send("* BYE")
                self.send(f"{tag} OK LOGOUT completed")
                return
            else:
                self.send(f"{tag} BAD unknown command")
                continue
            self.send(f"{tag} OK {command} completed")

    def uid(self, tag: str, args: str) -> None:
        sub, _, rest = args.partition(" ")
        sub = sub.upper()
        if sub == "SEARCH":
            unseen = [str(u) for u in sorted(self.box.mails) if u not in self.box.seen]
            self.send("* SEARCH " + " ".join(unseen))
        elif sub == "FETCH":
            uid = int(rest.split()[0])
            body = self.box.mails[uid]
            self.wfile.write(f"* {uid} FETCH (UID {uid} BODY[] {{{len(body)}}}\r\n".encode())
            self.wfile.write(body + b")\r\n")
        elif sub == "STORE":
            self.box.seen.add(int(rest.split()[0]))
            self.send(f"* {rest.split()[0]} FETCH (FLAGS (\\Seen))")
        self.send(f"{tag} OK UID {sub} completed")


@pytest.fixture
def imap(env: Env) -> Iterator[Mailbox]:
    box = Mailbox()
    handler = type("Handler", (ImapHandler,), {"box": box})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env.settings.imap_url = (
        f"imap://shop%40example.cn:pa%24s@127.0.0.1:{server.server_address[1]}/INBOX"
    )
    try:
        yield box
    finally:
        server.shutdown()
        server.server_close()


def _mail(subject: str, body: str, message_id: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "孙先生 <sun@example.cn>"
    message["To"] = "shop@example.cn"
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="example.cn")
    message.set_content(body, charset="gbk")
    return message.as_bytes()


def test_unseen_mail_becomes_tickets_and_is_marked_seen_after_storing(
    env: Env, imap: Mailbox
) -> None:
    imap.mails = {
        1: _mail("发票抬头写错了", "请帮忙重开发票。"),
        2: _mail("退货地址", "退货寄到哪里?"),
    }
    imap.seen = set()
    assert poll_once(env.db, env.settings) == 2
    assert imap.seen == {1, 2}
    assert imap.logins == [("shop@example.cn", "pa$s")]
    with env.db.reading() as session:
        subjects = sorted(session.scalars(select(Ticket.subject)))
        channels = set(session.scalars(select(Ticket.channel)))
    assert subjects == ["发票抬头写错了", "退货地址"] and channels == {"email"}
    assert poll_once(env.db, env.settings) == 0, "seen mail is not taken in again"


def test_a_mail_fetched_twice_is_stored_once(env: Env, imap: Mailbox) -> None:
    same = make_msgid(domain="example.cn")
    imap.mails = {7: _mail("物流", "到哪了", same), 8: _mail("物流", "到哪了", same)}
    poll_once(env.db, env.settings)
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 1


def test_imap_urls_are_read_with_defaults() -> None:
    plain = parse_imap_url("imap://u:p@mail.example.cn")
    assert (plain.port, plain.mailbox, plain.use_ssl) == (143, "INBOX", False)
    secure = parse_imap_url("imaps://kefu%40shop.cn:x@imap.example.cn/客服")
    assert (secure.username, secure.port, secure.mailbox, secure.use_ssl) == (
        "kefu@shop.cn", 993, "客服", True,
    )  # fmt: skip
    with pytest.raises(ValueError):
        parse_imap_url("http://mail.example.cn")
