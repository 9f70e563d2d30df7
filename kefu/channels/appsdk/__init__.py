"""The app SDK channel: a shop's own mobile or desktop app talks to kefu as its signed-in
customer, with a customer token its back end obtained for that customer (see README)."""
