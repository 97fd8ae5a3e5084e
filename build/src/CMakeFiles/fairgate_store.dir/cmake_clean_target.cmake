file(REMOVE_RECURSE
  "libfairgate_store.a"
)
