"""One grading run: the warm session it runs in (session), the forked pytest process (runner), the
pytest plugin that reaches student code only through sandbox workers (plugin), pure scoring of a
pytest-json-report document (scoring), and the job that turns a run's outcome into a report (job).
"""
