"""kefu (客服): a Chinese-first customer-service platform."""

__version__ = "0.1.0"
