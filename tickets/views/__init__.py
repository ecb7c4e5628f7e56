"""Pages of service tickets, one module per area. A view loads its record through a scoped queryset
(outside the scope: 404), asks tickets.permissions whether the reader may act (403 otherwise), calls
one service and redirects; it uses onsite.viewhelpers (refused, form_errors, own_staff, page_of)
rather than its own copies."""
