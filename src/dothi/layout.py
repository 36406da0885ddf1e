"""Where things live in a data repository (SPEC §1)."""

MEMBERS_FILE = "data/members.yaml"
REQUIREMENTS_FILE = "data/requirements.yaml"
TASKS_DIR = "data/tasks"
LOCALITIES_DIR = "data/localities"
TEMPLATES_DIR = "templates"
ROOT_ENV = "DOTHI_ROOT"
