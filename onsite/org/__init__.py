"""The organisation, the bottom layer of Onsite: every app may import it; it imports no app."""
