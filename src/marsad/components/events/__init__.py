"""Events: incidents found from triggers and casualty facts (the marsad_event_builder component)."""
from marsad.components.events.builder import EventBuilder, make_event_builder

__all__ = ["EventBuilder", "make_event_builder"]
