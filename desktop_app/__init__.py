"""Mission Roster: an offline evacuation roster for consular missions."""

__version__ = "0.1.0"
APP_NAME = "Mission Roster"
