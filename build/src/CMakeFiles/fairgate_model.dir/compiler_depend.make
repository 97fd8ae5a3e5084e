# Empty compiler generated dependencies file for fairgate_model.
# This may be replaced when dependencies are built.
