# CMake generated Testfile for 
# Source directory: /work/main/src/pipeline
# Build directory: /work/main/build/src/pipeline
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
