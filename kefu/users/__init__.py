"""Users: agents (with the work number customers see, 客服8号), supervisors, admins; tokens."""
