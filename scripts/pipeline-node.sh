#!/bin/sh
# Runs a pipeline bundle (dist/detect.cjs, ...) with glibc malloc settings that return freed memory
# to the system: lib/config/pipeline-malloc.ts says why and holds the same values (a test checks
# that they agree). A value already set in the environment is kept.
: "${MALLOC_ARENA_MAX:=2}"
: "${MALLOC_MMAP_THRESHOLD_:=262144}"
export MALLOC_ARENA_MAX MALLOC_MMAP_THRESHOLD_
exec node "$@"
