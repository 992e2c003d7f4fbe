"""Settings for `casework_load.py --what-if session`: the app's settings with one proposed change, to measure it.

Not used by the app. The proposal: do not write the session on every request (SESSION_SAVE_EVERY_REQUEST);
the idle timeout would instead be refreshed by a middleware only when the session is a few minutes old.
"""

from safer.config.settings import *  # noqa: F403

SESSION_SAVE_EVERY_REQUEST = False
