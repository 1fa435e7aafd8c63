"""The benchmark: synthetic corpus, naive baseline, runner (see bench/README.md)."""
