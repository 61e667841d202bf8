"""Tools around the domain core, not part of it: the benchmark (`bench`), the synthetic corpus
(`synth`) and extraction on a cluster (`scale`, the Dask recipe)."""
