"""Output writers (see `marsad.io.formats`)."""
