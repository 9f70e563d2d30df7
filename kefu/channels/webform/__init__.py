"""The web form (/support/new): a customer writes in from the shop's site without an account."""
