"""Performance (绩效): what supervisors watch and steer by — the live board and today's
charts now; KPIs, monthly grades and reports to come."""
