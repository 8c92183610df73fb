"""Mission Roster: an offline evacuation roster for consular missions."""

__version__ = "0.1.0"
APP_NAME = "Mission Roster"
# The one name of the folders (data, logs, cache) and of the settings, on every system.
APP_DIR_NAME = "MissionRoster"
