"""The policy numbers of a company and its sites: the service and the HR page."""
