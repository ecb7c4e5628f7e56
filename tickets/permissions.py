"""Who may do what to a ticket: each rule written once (`may_<action>(user, record)`) with its
query twin beside it (`<action>_filter(user)`, a Q for the inbox and the lists). Services and the
buttons on pages use the rule; the approvals inbox and the lists use the twin."""
