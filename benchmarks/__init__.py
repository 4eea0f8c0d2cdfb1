"""Performance tooling for reader: synthetic corpora and the benchmarks built on them."""
