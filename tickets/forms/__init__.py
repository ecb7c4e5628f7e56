"""Forms of the service tickets pages, one module per area, on the core's bases
(onsite.forms.BootstrapForm, BootstrapModelForm, e.g. TicketForm): they check input; the services
decide."""
