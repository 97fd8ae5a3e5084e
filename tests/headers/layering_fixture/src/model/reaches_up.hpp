#pragma once
// A model header that includes the store: what include_layers_catches must see refused.

#include "store/fixture_store.hpp"
