"""Knowledge: canned replies (快捷语) agents insert into a conversation, with variables."""
