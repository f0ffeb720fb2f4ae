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
