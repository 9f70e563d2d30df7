"""WeChat official account (公众号): message push in, customer-service messages out."""
