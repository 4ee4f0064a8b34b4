"""Engines: what runs the checks over a whole list, here in one process or beside a forked worker."""
