"""The EIM Monitor web dashboard (Dash): it comes in a later issue."""
