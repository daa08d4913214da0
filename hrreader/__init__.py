"""hrreader: an offline desktop reader for harm-reduction information."""

__version__ = "0.1.0"
