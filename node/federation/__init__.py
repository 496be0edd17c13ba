"""ActivityPub in and out: maps domain objects to ActivityStreams and back, signs, delivers."""
