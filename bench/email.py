"""Email ingest rate: mails per second through kefu's SMTP listener (parse, thread, store and the
acknowledgement queued, each committed before the 250), on SQLite and PostgreSQL.

``python -m bench.email [--mails 600] [--clients 1,4] [--backends sqlite,postgresql]``. A scratch
database per backend; ``kefu serve`` on free ports (HTTP and SMTP, no relay, so nothing is sent);
the mails are a mix like a shop's inbox: new requests in UTF-8 and GBK, replies that thread by
In-Reply-To, by References and by the ticket number in the subject, and one in ten with a small
attachment. Printed: mails/s and p50/p95 ms per mail (SMTP transaction, connection reused).
"""

from __future__ import annotations

import argparse
import os
import random
import smtplib
import statistics
import subprocess
import tempfile
import threading
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from bench.measure import PROCS, free_port, log, wait_ready
from bench.run import PG_ADMIN_DEFAULT, Scratch, _kefu_bin

LINES = (
    "你好,上周买的运动鞋开胶了,想申请退货。",
    "快递显示已签收,但我没有收到包裹,麻烦查一下。",
    "请问这件羽绒服可以换大一码吗?",
    "发票什么时候能开好?公司报销急用。",
    "退款三天了还没到账,帮我看看进度。",
)


def _mail(i: int, thread: list[tuple[str, str]], rng: random.Random) -> EmailMessage:
    message = EmailMessage()
    sender = f"customer{rng.randrange(400)}@example.cn"
    message["From"] = f"顾客{i} <{sender}>"
    message["To"] = "kefu@shop.example"
    message["Message-ID"] = mid = make_msgid(domain="example.cn")
    kind = rng.random()
    if thread and kind < 0.4:
        parent_id, subject = rng.choice(thread)
        if kind < 0.2:
            message["In-Reply-To"] = parent_id
        else:
            message["References"] = parent_id
        message["Subject"] = "Re: " + subject
    else:
        message["Subject"] = subject = f"{rng.choice(('退货', '物流', '换货', '发票'))}问题 {i}"
        thread.append((mid, subject))
    body = "\n".join(rng.choice(LINES) for _ in range(3))
    charset = "gbk" if i % 3 == 0 else "utf-8"
    message.set_content(body, charset=charset)
    if i % 10 == 0:
        message.add_attachment(
            os.urandom(4096), maintype="image", subtype="jpeg", filename="照片.jpg"
        )
    return message


def _send(port: int, mails: list[EmailMessage], latencies: list[float]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        for message in mails:
            t0 = time.perf_counter()
            client.send_message(message)
            latencies.append((time.perf_counter() - t0) * 1000)


def measure(port: int, total: int, clients: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    thread: list[tuple[str, str]] = []
    mails = [_mail(i, thread, rng) for i in range(total)]
    shares = [mails[k::clients] for k in range(clients)]
    latencies: list[float] = []
    workers = [threading.Thread(target=_send, args=(port, s, latencies)) for s in shares]
    t0 = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - t0
    ordered = sorted(latencies)
    return {
        "mails": len(latencies),
        "mails_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


def run_backend(backend: str, scratch: Scratch, work: Path, args: argparse.Namespace) -> None:
    url = scratch.url(backend, f"mail-{backend}")
    home = work / f"home-{backend}"
    http_port, smtp_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env.update(
        KEFU_HOME=str(home), KEFU_DATABASE_URL=url, KEFU_PORT=str(http_port),
        KEFU_SMTP_PORT=str(smtp_port), KEFU_MAIL_FROM="kefu@shop.example",
    )  # fmt: skip
    subprocess.run([_kefu_bin(), "migrate"], env=env, check=True, capture_output=True)
    proc = PROCS.start([_kefu_bin(), "serve"], env=env, logfile=work / f"mail-{backend}.log")
    try:
        wait_ready(http_port, "/healthz", proc)
        for clients in args.clients:
            result = measure(smtp_port, args.mails, clients, seed=clients)
            print(
                f"| {backend} | {clients} | {result['mails']} | {result['mails_per_s']} "
                f"| {result['p50_ms']} | {result['p95_ms']} |",
                flush=True,
            )
    finally:
        PROCS.stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.email", description=__doc__)
    parser.add_argument("--mails", type=int, default=600)
    parser.add_argument("--clients", default="1,4")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=PG_ADMIN_DEFAULT)
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",") if c]
    work = Path(tempfile.mkdtemp(prefix="kefu-bench-mail-"))
    scratch = Scratch(work, args.pg_url, keep=False)
    print("| backend | SMTP clients | mails | mails/s | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    try:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            log(f"email ingest on {backend}")
            run_backend(backend, scratch, work, args)
    finally:
        PROCS.stop_all()
        scratch.drop_all()


if __name__ == "__main__":
    main()
