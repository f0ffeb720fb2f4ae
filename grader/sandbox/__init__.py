"""The far side of the trust boundary, and the boundary itself.

zygote (forks workers from a warm process) · handle (the grading side's handle on a worker) ·
worker (runs inside the sandbox: imports the student file, serves calls) · isolation (limits,
uid, namespaces, hidden folders) · processes (kill, reap, sweep) · codec (values coming back,
through an allow-list) · wire (requests going out, and the framing of both directions).
"""
