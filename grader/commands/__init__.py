"""Click commands that live in their own modules (loaded lazily by grader.cli)."""
