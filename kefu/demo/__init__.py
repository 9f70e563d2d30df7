"""The demo shop: a clothing-and-shoes online store like the handbooks'."""

from kefu.demo.loader import DEMO_PASSWORD, load_demo

__all__ = ["DEMO_PASSWORD", "load_demo"]
