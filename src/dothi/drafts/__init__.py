"""A draft read by ``dothi.importer`` written as a task file, the way the edit commands write."""
