"""Marks the data folder as the package ``briefing.resources`` so that
``importlib.resources`` finds it both in a checkout and inside an installed wheel.
Nothing but data lives here; see ``briefing/resources_path.py``."""
