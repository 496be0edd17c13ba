"""The neighbourhood's domain: rules and queries. No HTTP, no ActivityStreams, no templates."""
