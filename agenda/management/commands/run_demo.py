"""`manage.py run_demo [HOST:PORT]`: the web server and the task worker together, for
`make run`. Ctrl-C stops both; if either stops by itself, the other is stopped too, so a
half-running site (pages but no publishing, or the reverse) never lingers."""

import signal
import socket
import subprocess  # nosec B404: our own manage.py commands, never a shell (docs/security-audit.md)
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# How long a child gets to finish its current task after Ctrl-C before it is killed.
STOP_GRACE_SECONDS = 10


def _listening(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "Run the development web server and the background task worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        commands = {"web server": [*manage, "runserver", addrport]}
        if settings.TASKS_BACKEND == "database":
            commands["task worker"] = [*manage, "db_worker", "--queue-name", "*"]
        elif settings.TASKS_BACKEND == "redis":
            commands["task worker"] = [
                *manage,
                "rqworker",
                "default",
                "--job-class",
                "django_tasks_rq.Job",
                "--with-scheduler",
            ]
        # Both children share our terminal's process group, so Ctrl-C reaches them too.
        children = {}
        for name, command in commands.items():
            children[name] = subprocess.Popen(command)  # noqa: S603  # nosec B603
        signal.signal(signal.SIGTERM, lambda *_: self._stop(children, signal.SIGTERM))
        host, _, port = addrport.rpartition(":")
        told = False
        try:
            while all(child.poll() is None for child in children.values()):
                if not told and _listening(host or "127.0.0.1", int(port)):
                    self._tell(addrport, children)
                    told = True
                time.sleep(0.5)
            stopped = next(name for name, child in children.items() if child.poll() is not None)
            self.stderr.write(f"The {stopped} stopped; stopping the rest.")
        except KeyboardInterrupt:
            # The children had the same Ctrl-C: the worker finishes its task, then exits.
            self._stop(children, None)
        self._stop(children, signal.SIGINT)

    def _tell(self, addrport, children):
        from agenda.demo.build import EDITOR_URL, LOGINS

        worker = "and the task worker are" if "task worker" in children else "is"
        self.stdout.write(f"\nThe site {worker} running. Public site: http://{addrport}/")
        editor = EDITOR_URL.replace("127.0.0.1:8000", addrport)
        self.stdout.write(f"Demo logins for the editor at {editor}")
        for login in LOGINS:
            self.stdout.write(f"  {login.role:<18} {login.username} / {login.password}")
        self.stdout.write("Press Ctrl-C to stop the web server and the worker.\n")

    def _stop(self, children, how):
        for child in children.values():
            if how is not None and child.poll() is None:
                child.send_signal(how)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        raise SystemExit(0)
