"""Box office: an offline-first ticket window terminal that syncs with a central ticketing platform."""

__version__ = "0.1.0"
