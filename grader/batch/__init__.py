"""A class at once: find and stage submissions (submissions), long-lived graders that grade
submission after submission (pool, passes), the batch itself (run), cheap forks (hugepages), and
reports merged into a gradebook (gradebook).
"""
