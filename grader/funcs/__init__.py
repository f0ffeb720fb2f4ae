"""Module-level callables that specs pass to student code (they pickle by reference)."""
