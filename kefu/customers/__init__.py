"""Customers: profiles, identities (email, phone, WeChat openid, shop buyer nickname), VIP,
blacklist, merging."""
