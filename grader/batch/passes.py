"""The pytest plugin that turns one session into many grading passes (see pool.py).

It replaces pytest's run loop: for each task the parent sends, it runs every collected test
against that student's tree and hands back that pass's pytest-json-report document over the
control socket (never through a file: a worker could plant one). Each pass
starts from a clean slate: the JSON report's per-test state is reset, every fixture is torn down at
the end of a pass (the last test runs with nextitem=None), and the plugin's workers are stopped.
"""
from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from grader.grading import runner

# pytest-json-report keeps one session's results in these attributes (1.5.x); a pass resets them.
_JSON_STATE = ("_json_tests", "_json_warnings", "_start_time")
CHUNK = 60 * 1024  # bytes of report per control message (a SOCK_SEQPACKET message must fit the socket buffer)


class PassLoop:
    """Serves ("grade", target_dir, student) requests until ("stop",) or EOF; answers each with the
    pass's report in ("part", bytes) messages, then ("done", worker folders)."""

    def __init__(self, plugin, conn) -> None:
        self.plugin, self.conn = plugin, conn

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session) -> bool:
        json_report = getattr(session.config, "_json_report", None)
        if json_report is None or not all(hasattr(json_report, a) for a in _JSON_STATE):
            raise RuntimeError("this pytest-json-report keeps its state differently; install "
                               "pytest-json-report>=1.5,<2 (see pyproject.toml)")
        broken = session.testsfailed > 0  # collection errors: report them for every task, run nothing
        while (request := self._receive()) is not None:
            _, target, student = request
            self.run_pass(session, json_report, Path(target), student, broken)
            if self.plugin.json_report is not None:  # through the control socket: no file a worker could plant
                data = runner.dump_report(self.plugin.json_report)
                for start in range(0, len(data), CHUNK):
                    self.conn.send(pickle.dumps(("part", data[start:start + CHUNK])))
            self.conn.send(pickle.dumps(("done", self.plugin.take_workdirs())))  # the parent removes them
        return True

    def run_pass(self, session, json_report, target: Path, student: str, broken: bool) -> None:
        """Grade one tree with every collected test; leaves the document in plugin.json_report."""
        json_report._json_tests.clear()
        json_report._json_warnings.clear()
        json_report._start_time = time.time()
        self.plugin.begin_submission(target, student)
        failed_before, session.testsfailed = session.testsfailed, 0
        items = [] if broken else session.items
        try:
            for i, item in enumerate(items):
                item._report_sections = []
                nextitem = items[i + 1] if i + 1 < len(items) else None
                item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
            session.exitstatus = (pytest.ExitCode.INTERRUPTED if broken else
                                  pytest.ExitCode.TESTS_FAILED if session.testsfailed else pytest.ExitCode.OK)
            json_report.pytest_sessionfinish(session)
        finally:
            self.plugin.end_submission()
            session.testsfailed = failed_before if broken else 0

    def _receive(self):
        try:
            message = self.conn.recv(65536)
        except OSError:
            return None
        request = pickle.loads(message) if message else None  # from the trusted batch parent
        return request if request and request[0] == "grade" else None
