"""d2l-autograder: grade PyTorch course exercises in a sandbox and write scored JSON reports."""

__version__ = "0.1.0"
