"""Benchmarks (not collected by pytest: testpaths is tests/). See README.md."""
