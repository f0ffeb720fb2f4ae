"""Day-1 probes: run inside the sandbox worker next to the student function; return plain data."""

from __future__ import annotations


def in_place_identity(fn, X, Y):
    """Call ``fn(X, Y)`` and report whether it worked on X in place.

    Returns a dict of plain data:
    ``same_object`` – the result is X itself;
    ``same_storage`` – X still uses the storage it had before the call (rules out ``X.data = ...``
    or ``X.set_(...)``, which keep the object but swap its memory);
    ``x_after`` – a copy of X's values after the call.
    """
    X = X.clone()  # work on a private copy so the caller's argument stays as it was
    before = X.untyped_storage().data_ptr()
    result = fn(X, Y)
    return {
        "same_object": result is X,
        "same_storage": X.untyped_storage().data_ptr() == before,
        "x_after": X.detach().clone(),
    }


def call_with_csv(fn, filename, csv_text):
    """Write `csv_text` to a fresh file named `filename` inside the worker and return `fn(path)`.

    The grading process cannot hand the worker a file directly (the worker runs as another uid
    with a private /tmp), so the spec sends the text and the file is made here. The folder is
    removed afterwards.
    """
    import os
    import shutil
    import tempfile
    folder = None
    for base in ("/tmp", None):
        try:
            folder = tempfile.mkdtemp(prefix="csv-", dir=base)
            break
        except OSError:
            continue
    if folder is None:
        raise OSError("no writable scratch folder for the CSV file")
    path = os.path.join(folder, os.path.basename(filename))
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(csv_text)
        return fn(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
