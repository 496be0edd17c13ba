"""Thin HTTP: HTML pages, feeds and (later) the Mastodon client API."""
