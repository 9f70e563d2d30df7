"""Quality: coaching a reply as it is written (服务用语), from the handbooks' rules."""
