#!/usr/bin/python3
"""The development SMTP server (scripts/run, scripts/test): a real SMTP
server (Debian's python3-aiosmtpd) that keeps each message it accepts as
one file DIR/<time>-<n>.eml, the envelope's recipients first in an
X-Envelope-To header.

    mail-sink.py DIR PORT

A message counts as delivered when the server answers 250 to its DATA,
as in real SMTP: a client gone before that leaves no file.  DIR/.delay,
when present, holds seconds to wait before that answer (tests use it to
kill a sender mid-delivery)."""

import asyncio
import itertools
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.seq = itertools.count()

    def delay(self):
        try:
            with open(os.path.join(self.folder, ".delay")) as f:
                return float(f.read().strip() or 0)
        except (OSError, ValueError):
            return 0.0

    async def handle_DATA(self, server, session, envelope):
        wait = self.delay()
        if wait > 0:
            # A sender that dies meanwhile cancels this coroutine.
            await asyncio.sleep(wait)
        name = "%d-%d.eml" % (time.time_ns(), next(self.seq))
        tmp = os.path.join(self.folder, "." + name)
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-To: " +
                    ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.folder, name))
        return "250 OK"


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(folder, exist_ok=True)
    # Stopped at once: a message is on disk whole (renamed) or not at
    # all, and a graceful stop can wait on a half-open connection.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    controller = Controller(Store(folder), hostname="127.0.0.1", port=port)
    controller.start()
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
