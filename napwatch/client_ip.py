"""The visitor's address: moved to toolkit/client_ip.py (the apps read it too); this name stays
for settings.AXES_CLIENT_IP_CALLABLE."""

from toolkit.client_ip import client_ip

__all__ = ["client_ip"]
