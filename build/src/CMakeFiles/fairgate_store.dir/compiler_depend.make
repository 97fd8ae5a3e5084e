# Empty compiler generated dependencies file for fairgate_store.
# This may be replaced when dependencies are built.
