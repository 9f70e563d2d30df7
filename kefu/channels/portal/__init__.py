"""The customer portal (/support/login, /support/tickets): a customer signs in with a one-time
code sent by mail, follows their tickets and replies."""
