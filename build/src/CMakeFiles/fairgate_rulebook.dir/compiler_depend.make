# Empty compiler generated dependencies file for fairgate_rulebook.
# This may be replaced when dependencies are built.
