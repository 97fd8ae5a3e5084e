# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("src")
subdirs("importers")
subdirs("reports")
subdirs("src/pipeline")
subdirs("src/cli")
subdirs("tools/gen")
subdirs("bench")
subdirs("tests")
