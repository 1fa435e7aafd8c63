"""Crawler tests: a package, so helpers import relatively whatever the import mode."""
