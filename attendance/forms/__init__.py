"""Forms of the attendance pages, one module per area: they check input; the services decide."""
