"""Channel adapters: each turns one channel's traffic into messages for the conversations."""
