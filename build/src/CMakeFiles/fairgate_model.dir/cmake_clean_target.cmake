file(REMOVE_RECURSE
  "libfairgate_model.a"
)
