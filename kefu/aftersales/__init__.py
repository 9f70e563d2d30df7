"""After-sales (售后): orders' returns, refunds, exchanges, late shipments and complaints.

So far the pure policy engine in ``rules/``: the dated rule table with its sources, the
seven-day no-reason return, who pays shipping, the remedy by cost, refund deadlines and the
instant refund, safe payouts, late shipment and the case and complaint state machines. See
README.md.
"""
