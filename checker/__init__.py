"""npis-checker: check NPI study protocols and papers against the NPIS Model invariants."""

__version__ = "0.1.0"
