"""The working-day calendar: sync from the packages, seeding, HR pages and the banner."""
