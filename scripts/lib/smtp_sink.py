"""aiosmtpd handler for the test SMTP sink: writes each received message, as received, to a file in the folder named
by PERMANENCE_SMTP_SINK_DIR (one .eml per message, renamed into place once complete so readers never see half a file).

Used by scripts/lib/services.sh: PYTHONPATH=scripts/lib python3 -m aiosmtpd -n -l HOST:PORT -c smtp_sink.FolderHandler
"""
import os
import time
import uuid


class FolderHandler:
    def __init__(self):
        self.folder = os.environ["PERMANENCE_SMTP_SINK_DIR"]
        os.makedirs(self.folder, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}"
        partial = os.path.join(self.folder, name + ".part")
        with open(partial, "wb") as out:
            out.write(("X-Envelope-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode("utf-8"))
            out.write(envelope.original_content or envelope.content)
        os.rename(partial, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"
