"""Trusted probes: small module-level functions run inside the worker next to the student object.

They receive the student's function first and return plain data. Day-specific probes live in
grader/probes/<day>.py.
"""


def has_name(fn) -> bool:
    """True: the worker only runs a probe when the student module defines the name."""
    return True
