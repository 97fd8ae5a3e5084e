file(REMOVE_RECURSE
  "libfairgate_rulebook.a"
)
