"""The web chat channel (网页会话): the widget a shop pastes into its pages, and its WebSocket."""
