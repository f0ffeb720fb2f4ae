"""The far side of the trust boundary, and the boundary itself.

backend (fork or spawn: GRADE_SANDBOX, default auto) · zygote (forks workers from a warm process) ·
handle (the grading side's handle on a forked worker; ForkBackend) · spawn (a pool of warm spawned
workers and their handle, for hosts without fork) · spawned (a spawned worker's main) · winjob
(Windows job objects) · worker (runs inside the sandbox: imports the student file, serves calls) ·
isolation (limits, uid, namespaces, hidden folders) · processes (kill, reap, sweep) · codec
(values coming back, through an allow-list) · wire (requests going out, and the framing of both
directions).
"""
