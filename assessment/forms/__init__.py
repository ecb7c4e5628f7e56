"""Forms of the assessments pages, one module per area, on the core's bases
(onsite.forms.BootstrapForm, BootstrapModelForm, e.g. ScoreForm): they check input; the services
decide."""
