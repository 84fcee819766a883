"""callcenter: a desktop client for call-center agents and their team leads.

The package root and every module directly below it (except ``app`` and ``cli``)
is Qt-free domain and service code; ``callcenter.ui`` holds the widgets.
"""

__version__ = "0.1.0"
APP_ID = "callcenter"
APP_NAME = "Callcenter"
ORGANIZATION = "Callcenter"
