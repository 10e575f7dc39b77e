"""The Slack front end: a Bolt AsyncApp, its listeners, and the HTTP / Socket Mode runners."""
