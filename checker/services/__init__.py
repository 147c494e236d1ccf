"""Service layer: the business rules shared by the web views, the CLI and the API."""
