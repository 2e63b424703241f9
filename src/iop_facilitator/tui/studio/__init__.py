"""The agenda studio: an editor for agenda templates (`iop-facilitator agenda edit`)."""
