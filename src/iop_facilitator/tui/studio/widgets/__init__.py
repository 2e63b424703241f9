"""The studio's widgets."""
