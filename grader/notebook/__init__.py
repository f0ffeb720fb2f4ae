"""Grading from a notebook or the REPL: `from grader import check` (api) and the IPython magic
`%grade` (magic, loaded with `%load_ext grader`)."""
