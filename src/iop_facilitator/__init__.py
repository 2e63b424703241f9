"""iop-facilitator: a terminal cockpit for clinicians running virtual IOP therapy groups."""

__version__ = "0.1.0"
