#pragma once
// Stands for the store in include_layers_catches (tests/headers/CMakeLists.txt).
