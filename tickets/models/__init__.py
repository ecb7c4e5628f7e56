"""The models of service tickets, one module per area, each re-exported here so that `tickets.models`
names them all. Each model is tied to the organisation (onsite.org: staff, site, company), has
`TextChoices` for its status, named constraints, and a `visible_to(user)` queryset that scopes it
to the reader; its status changes only through its workflow (onsite.workflows)."""
