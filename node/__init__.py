"""Buurtnode: a self-hostable neighbourhood node that federates over ActivityPub."""

__version__ = "0.1.0"
