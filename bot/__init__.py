"""PMHC crisis-resource assistant: knowledge -> search -> answer -> Slack / console."""
