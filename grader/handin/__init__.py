"""Handing in: `grade submit` packs what is graded into one zip with a manifest (pack), and
`grade batch` reads the manifest back and checks the files against it (manifest)."""
