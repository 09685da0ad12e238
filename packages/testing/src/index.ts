// Filled in by the front-end foundation issue.
