"""Debrief reports and charts."""
