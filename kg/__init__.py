"""kg: a knowledge graph of ML research, from paper listings."""

__version__ = "0.1.0"
