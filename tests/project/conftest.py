"""A fresh copy of the project, set up as `make run` sets it up, for commands run from a shell."""

import os
import pty
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A plain shell's PATH; nothing else is exported.
PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"
# What the tests type where the README writes a password as '…'.
PASSWORD = "violet-harbour-lantern-2291"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Project:
    root: Path

    def run(self, command: str, *, timeout: float = 180, **env: str) -> Result:
        """`command` in /bin/sh from the project folder, with PATH alone (plus `env`)."""
        result = subprocess.run(
            ["/bin/sh", "-c", command],
            cwd=self.root,
            env={"PATH": PLAIN_PATH, **env},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Result(result.returncode, result.stdout, result.stderr)

    def run_in_terminal(self, command: str, *, timeout: float = 180) -> Result:
        """`command` as a person types it in a terminal: PATH alone, password prompts answered.

        Output and errors arrive together (a terminal has one screen); both are in `stdout`.
        """
        folder, argv, env = str(self.root), ["/bin/sh", "-c", command], {"PATH": PLAIN_PATH}
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the shell, whose controlling terminal is the pty
            os.chdir(folder)
            os.execve(argv[0], argv, env)
        screen = b""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 1)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the child has exited and closed the terminal
                    break
                if not chunk:
                    break
                screen += chunk
                if screen.rstrip(b" ").endswith(b":") and b"Password" in screen.splitlines()[-1]:
                    os.write(fd, PASSWORD.encode() + b"\n")
            else:
                os.kill(pid, signal.SIGKILL)
        finally:
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        return Result(os.waitstatus_to_exitcode(status), screen.decode(errors="replace"), "")


def copy_project(destination: Path) -> None:
    """The project's files as a clone has them (tracked, or new and not ignored), and its .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is listed too
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    (destination / ".venv").symlink_to((ROOT / ".venv").resolve())


@pytest.fixture(scope="session")
def fresh_project(tmp_path_factory) -> Project:
    """A copy of the project after `make run` (without its server): `make fixtures` wrote .env,
    migrated a new SQLite database and loaded fixtures/. `-o .venv/.installed` tells make the
    shared .venv is installed, so nothing is pip-installed into it from the copy."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the project's git checkout to copy it")
    project = Project(tmp_path_factory.mktemp("fresh-project"))
    copy_project(project.root)
    made = project.run("make --no-print-directory -o .venv/.installed fixtures", timeout=600)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (project.root / ".env").exists()
    return project
