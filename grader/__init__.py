"""d2l-autograder: grade PyTorch course exercises in a sandbox and write scored JSON reports.

In a notebook or the REPL: `from grader import check; check("day1.tensor_basics")`, or
`%load_ext grader` and `%grade day1 tensor_basics` in IPython/Jupyter. Both are imported only when
used, so `import grader` stays cheap (no torch).
"""

__version__ = "0.1.0"
__all__ = ["check", "load_ipython_extension", "__version__"]


def __getattr__(name: str):
    if name == "check":
        from grader.notebook.api import check
        return check
    raise AttributeError(f"module 'grader' has no attribute {name!r}")


def load_ipython_extension(ipython) -> None:
    """`%load_ext grader`: registers the `%grade` line magic."""
    from grader.notebook.magic import load_ipython_extension as load
    load(ipython)
